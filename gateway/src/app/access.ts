import { SetMetadata } from '@nestjs/common';
import type { StaffRole } from '@delaktig/contracts';

export const ACCESS_KEY = 'delaktig:access';

export type AccessRule =
  | { public: true }
  | { public?: false; roles: readonly StaffRole[] }
  /** A child session route (`@ChildAccess()` in child-session.guard.ts): staff tokens are refused. */
  | { public?: false; child: true };

/**
 * Every gateway route must declare who may call it. A route without a rule is refused
 * for everyone (default deny), so a new endpoint cannot be forgotten open.
 */
export const Access = (...roles: StaffRole[]) => SetMetadata(ACCESS_KEY, { roles } satisfies AccessRule);
export const PublicRoute = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);

export const ALL_STAFF: readonly StaffRole[] = ['caseworker', 'unit-lead', 'district-admin', 'central-analyst', 'auditor'];
