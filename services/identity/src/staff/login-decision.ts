/** What a completed BankID identification leads to. Nobody is ever created on login. */
export type LoginDecision =
  | { outcome: 'login'; staffId: string }
  | { outcome: 'not_registered' }
  | { outcome: 'deactivated' };

export interface RegistryEntry {
  id: string;
  status: string;
}

export function decideLogin(entry: RegistryEntry | null | undefined): LoginDecision {
  if (!entry) return { outcome: 'not_registered' };
  if (entry.status !== 'active') return { outcome: 'deactivated' };
  return { outcome: 'login', staffId: entry.id };
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
