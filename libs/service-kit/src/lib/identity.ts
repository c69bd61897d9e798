import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@delaktig/errors';
import { DISTRICT_IDS, STAFF_ROLES, type DistrictId, type StaffRole } from '@delaktig/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * The caller as verified by the gateway. Services trust only this (signed by the gateway
 * with INTERNAL_TOKEN_SECRET), never a district id or role sent by a client.
 */
export const identitySchema = z.object({
  sub: z.string().min(1).max(100),
  districtId: z.enum(DISTRICT_IDS),
  unitId: z.string().max(100).nullable(),
  roles: z.array(z.enum(STAFF_ROLES)),
});
export interface Identity {
  sub: string;
  districtId: DistrictId;
  unitId: string | null;
  roles: StaffRole[];
}

export const IDENTITY_HEADER = 'x-delaktig-identity';
const ISSUER = 'delaktig-gateway';
const AUDIENCE = 'delaktig-services';

export async function signIdentity(identity: Identity, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ districtId: identity.districtId, unitId: identity.unitId, roles: identity.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyIdentity(token: string, secret: string): Promise<Identity> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return identitySchema.parse({ sub: payload.sub, districtId: payload['districtId'], unitId: payload['unitId'] ?? null, roles: payload['roles'] });
}

/**
 * A child in a session scoped to exactly one invitation (verified by the gateway from the
 * child session token that identity issued). Routes must opt in with {@link ChildRoute};
 * a child identity is never accepted on staff routes and a staff identity never on child routes.
 */
export const childIdentitySchema = z.object({
  invitationId: z.uuid(),
  districtId: z.enum(DISTRICT_IDS),
  ageBand: z.enum(['6-11', '12-18']),
  questionnaireVersionId: z.uuid(),
  sessionId: z.string().min(1).max(100),
});
export type ChildIdentity = z.infer<typeof childIdentitySchema>;
export const CHILD_IDENTITY_HEADER = 'x-delaktig-child';
const CHILD_AUDIENCE = 'delaktig-services-child';

export async function signChildIdentity(child: ChildIdentity, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ ...child })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(child.invitationId)
    .setIssuer(ISSUER)
    .setAudience(CHILD_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyChildIdentity(token: string, secret: string): Promise<ChildIdentity> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    issuer: ISSUER,
    audience: CHILD_AUDIENCE,
    algorithms: ['HS256'],
  });
  return childIdentitySchema.parse(payload);
}

export const INTERNAL_SECRET = Symbol('INTERNAL_SECRET');
const PUBLIC_KEY = 'delaktig:public';
const ROLES_KEY = 'delaktig:roles';
const CHILD_KEY = 'delaktig:child';

/** Marks a route that needs no caller identity (health checks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Marks a route for a child session (gateway-signed child identity) instead of staff. */
export const ChildRoute = () => SetMetadata(CHILD_KEY, true);
/** Roles allowed on a route (in addition to a verified identity). */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

type IdentifiedRequest = { headers: Record<string, string | string[] | undefined>; identity?: Identity; child?: ChildIdentity };

/** Global guard of every service: a valid gateway-signed identity is required unless @Public. */
@Injectable()
export class InternalIdentityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<IdentifiedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(CHILD_KEY, targets)) {
      const childHeader = req.headers[CHILD_IDENTITY_HEADER];
      if (typeof childHeader !== 'string') throw new AppError('UNAUTHENTICATED', 'Missing child session.');
      try {
        req.child = await verifyChildIdentity(childHeader, this.secret);
      } catch {
        throw new AppError('UNAUTHENTICATED', 'Invalid child session.');
      }
      return true;
    }
    const header = req.headers[IDENTITY_HEADER];
    if (typeof header !== 'string') throw new AppError('UNAUTHENTICATED', 'Missing caller identity.');
    try {
      req.identity = await verifyIdentity(header, this.secret);
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Invalid caller identity.');
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => req.identity?.roles.includes(r))) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    return true;
  }
}

export const CurrentIdentity = createParamDecorator((_data: unknown, ctx: ExecutionContext): Identity => {
  const identity = ctx.switchToHttp().getRequest<IdentifiedRequest>().identity;
  if (!identity) throw new AppError('UNAUTHENTICATED');
  return identity;
});

export const CurrentChild = createParamDecorator((_data: unknown, ctx: ExecutionContext): ChildIdentity => {
  const child = ctx.switchToHttp().getRequest<IdentifiedRequest>().child;
  if (!child) throw new AppError('UNAUTHENTICATED');
  return child;
});

/** Correlation id of the user action (set by the gateway), for events and logs. */
export const CorrelationId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
  const value = req.headers['x-correlation-id'];
  return value && /^[A-Za-z0-9-]{8,64}$/.test(value) ? value : crypto.randomUUID();
});
