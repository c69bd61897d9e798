import { Injectable } from '@nestjs/common';
import { DISTRICT_IDS, STAFF_ROLES, type DistrictId, type StaffRole } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import type { Identity } from '@delaktig/service-kit';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface VerifiedStaff extends Identity {
  name: string | null;
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
}

/**
 * Verifies Keycloak access tokens with `jose`: signature against Keycloak's JWKS (keys
 * cached and refreshed on rotation), issuer, audience (added by the realm's audience
 * mapper), expiry. Then maps the claims to the caller's identity.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly opts: TokenVerifierOptions) {
    this.jwks = createRemoteJWKSet(new URL(opts.jwksUrl ?? `${opts.issuer}/protocol/openid-connect/certs`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
  }

  async verify(token: string): Promise<VerifiedStaff> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ['RS256', 'PS256', 'ES256'],
        clockTolerance: 5,
      }));
    } catch (e) {
      // jose's errors carry a stable code (ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED, …).
      const code = (e as { code?: unknown }).code;
      if (code === 'ERR_JWT_EXPIRED') throw new AppError('UNAUTHENTICATED', 'Your sign-in has expired.');
      if (code === 'ERR_JWKS_TIMEOUT' || typeof code !== 'string' || !code.startsWith('ERR_J')) {
        throw new AppError('UPSTREAM_UNAVAILABLE', 'The sign-in service is not answering.');
      }
      throw new AppError('UNAUTHENTICATED', 'Invalid access token.');
    }
    const district = payload['district'];
    if (typeof district !== 'string' || !(DISTRICT_IDS as readonly string[]).includes(district)) {
      throw new AppError('FORBIDDEN', 'Your account is not linked to a district.');
    }
    const realmRoles = (payload['realm_access'] as { roles?: unknown } | undefined)?.roles;
    const roles = (Array.isArray(realmRoles) ? realmRoles : []).filter((r): r is StaffRole =>
      (STAFF_ROLES as readonly string[]).includes(r as string),
    );
    const unit = payload['unit'];
    const name = payload['name'];
    if (!payload.sub) throw new AppError('UNAUTHENTICATED', 'Invalid access token.');
    return {
      sub: payload.sub,
      districtId: district as DistrictId,
      unitId: typeof unit === 'string' && unit ? unit : null,
      roles,
      name: typeof name === 'string' ? name : null,
    };
  }
}
