import type { DistrictId, StaffSignInV1 } from '@delaktig/contracts';
import type { z } from 'zod';

/** What a completed BankID identification leads to. Nobody is ever created on login. */
export type LoginDecision =
  | { outcome: 'login'; staffId: string; districtId: string; subject: string }
  | { outcome: 'not_registered' }
  | { outcome: 'deactivated'; staffId: string; districtId: string; subject: string };

export interface RegistryEntry {
  id: string;
  status: string;
  districtId: string;
  /** Set once identity knows the person's Keycloak user (the gateway's subject). */
  keycloakUserId?: string | null;
}

export function decideLogin(entry: RegistryEntry | null | undefined): LoginDecision {
  if (!entry) return { outcome: 'not_registered' };
  // The audit trail names staff by their Keycloak subject, as every other staff event does.
  const subject = entry.keycloakUserId ?? entry.id;
  if (entry.status !== 'active') return { outcome: 'deactivated', staffId: entry.id, districtId: entry.districtId, subject };
  return { outcome: 'login', staffId: entry.id, districtId: entry.districtId, subject };
}

/**
 * The audit trail's record of a sign-in (StaffSignIn): who (the Keycloak subject, never the personal
 * identity number), which district, and how it ended. An unregistered person stays anonymous.
 */
export function signInEvent(decision: LoginDecision, at: Date): z.input<typeof StaffSignInV1.schema> {
  if (decision.outcome === 'not_registered') return { outcome: 'refused-unregistered', staffId: null, districtId: null, at: at.toISOString() };
  return {
    outcome: decision.outcome === 'login' ? 'signed-in' : 'refused-deactivated',
    staffId: decision.subject,
    districtId: decision.districtId as DistrictId,
    at: at.toISOString(),
  };
}

export const REFUSAL_MESSAGES = {
  not_registered: {
    sv: 'Du är inte registrerad i Delaktig. Kontakta administratören på din stadsdelsförvaltning om du ska ha tillgång.',
    en: 'You are not registered in Delaktig. Contact the administrator of your district if you should have access.',
  },
  deactivated: {
    sv: 'Ditt konto i Delaktig är avslutat. Kontakta administratören på din stadsdelsförvaltning om du behöver tillgång igen.',
    en: 'Your Delaktig account has been deactivated. Contact the administrator of your district if you need access again.',
  },
} as const;
