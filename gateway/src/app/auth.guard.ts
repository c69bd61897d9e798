import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@delaktig/errors';
import type { Request } from 'express';
import { ACCESS_KEY, AccessRule } from './access';
import { StaffRevocations } from './staff-revocations';
import { TokenVerifier, VerifiedStaff } from './token-verifier';

export type AuthedRequest = Request & { staff?: VerifiedStaff; correlationId?: string };

/** Authenticates every request (bearer token) and applies the route's access rule. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly revocations: StaffRevocations,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!rule) {
      this.logger.error({ path: req.route?.path }, 'route has no access rule; refused');
      throw new AppError('FORBIDDEN', 'This endpoint has no access rule.');
    }
    if (rule.public) return true;
    // Child routes: the ChildSessionGuard that @ChildAccess() attaches verifies the child session.
    if ('child' in rule) return true;
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    const staff = await this.verifier.verify(match[1]);
    // A token issued before its owner was deactivated is still signed and unexpired: refuse it.
    if (this.revocations.isRevoked(staff.sub)) throw new AppError('UNAUTHENTICATED', 'Your account has been deactivated.');
    req.staff = staff;
    if (!rule.roles.some((r) => staff.roles.includes(r))) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    return true;
  }
}
