import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AppError } from '@delaktig/errors';
import { childIdentitySchema, type ChildIdentity } from '@delaktig/service-kit';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ACCESS_KEY, type AccessRule } from './access';
import type { AuthedRequest } from './auth.guard';

/** Claims of child session tokens, as identity signs them (ADR 0009). */
export const CHILD_SESSION_ISSUER = 'delaktig-identity';
export const CHILD_SESSION_AUDIENCE = 'delaktig-child';
/** The only path under which child sessions are accepted. */
export const CHILD_API_PREFIX = '/api/v1/child/';

export type ChildRequest = AuthedRequest & { child?: ChildIdentity };

const TEXTS = {
  missing: 'Öppna länken och skriv koden för att fortsätta. — Open the link and enter the code to continue.',
  expired: 'Sessionen har gått ut. Öppna länken igen och skriv koden. — Your session has ended. Open the link again and enter the code.',
  invalid: 'Sessionen gäller inte. Öppna länken igen och skriv koden. — The session is not valid. Open the link again and enter the code.',
  unavailable: 'Det går inte att kontrollera sessionen just nu. Försök igen om en stund. — The session cannot be checked right now. Try again shortly.',
};

export interface ChildSessionVerifierOptions {
  jwksUrl: string;
}

/**
 * Verifies child session tokens with `jose`: ES256 signature against identity's JWKS
 * (`/child-access/jwks`, cached, refreshed on an unknown key id), issuer, audience,
 * expiry; then maps the claims to the child identity the services receive.
 * A Keycloak staff token fails here (other issuer, audience and keys).
 */
@Injectable()
export class ChildSessionVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(opts: ChildSessionVerifierOptions) {
    this.jwks = createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  }

  async verify(token: string): Promise<ChildIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: CHILD_SESSION_ISSUER,
        audience: CHILD_SESSION_AUDIENCE,
        algorithms: ['ES256'],
        clockTolerance: 5,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'ERR_JWT_EXPIRED') throw new AppError('UNAUTHENTICATED', TEXTS.expired);
      if (code === 'ERR_JWKS_TIMEOUT' || typeof code !== 'string' || !code.startsWith('ERR_J')) throw new AppError('UPSTREAM_UNAVAILABLE', TEXTS.unavailable);
      throw new AppError('UNAUTHENTICATED', TEXTS.invalid);
    }
    const child = childIdentitySchema.safeParse({
      invitationId: payload.sub,
      districtId: payload['districtId'],
      ageBand: payload['ageBand'],
      questionnaireVersionId: payload['questionnaireVersionId'],
      sessionId: payload['sid'],
    });
    if (!child.success) throw new AppError('UNAUTHENTICATED', TEXTS.invalid);
    return child.data;
  }
}

/** Verifies the child session of a `@ChildAccess()` route and puts the child on the request. */
@Injectable()
export class ChildSessionGuard implements CanActivate {
  constructor(private readonly verifier: ChildSessionVerifier) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ChildRequest>();
    // Defence in depth: a child session opens nothing outside the child API.
    if (!req.path.startsWith(CHILD_API_PREFIX)) throw new AppError('FORBIDDEN', 'Child sessions are accepted only under /api/v1/child.');
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', TEXTS.missing);
    req.child = await this.verifier.verify(match[1]);
    return true;
  }
}

/**
 * A route of the child app: needs a child session token (from `POST /api/v1/child/session`),
 * never a staff token. Only for routes under /api/v1/child. Next to `@Access` and
 * `@PublicRoute` in the gateway's default-deny scheme.
 */
export const ChildAccess = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { child: true } satisfies AccessRule), UseGuards(ChildSessionGuard), ApiBearerAuth('child-session'));

/** Routes with this mark count against the per-IP limit of child session attempts (throttler `child-session`). */
export const CHILD_SESSION_LIMIT_KEY = 'delaktig:child-session-limit';
export const ChildSessionRateLimit = () => SetMetadata(CHILD_SESSION_LIMIT_KEY, true);
