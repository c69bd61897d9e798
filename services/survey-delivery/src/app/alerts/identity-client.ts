import type { AlertLadder, DistrictId } from '@delaktig/contracts';
import { IDENTITY_HEADER, signIdentity } from '@delaktig/service-kit';

/** survey-delivery's internal subject towards identity (identity's AlertContactsController accepts only it). */
export const ALERT_NOTIFIER_SUBJECT = 'service:survey-delivery';

export interface AlertRecipient {
  ref: string;
  role: 'caseworker' | 'unit-lead';
  name: string;
  email: string | null;
  mobile: string | null;
}
export interface AlertContacts {
  ladder: AlertLadder;
  caseworker: AlertRecipient | null;
  unitLeads: AlertRecipient[];
}

/** Work contacts and the district's ladder from identity, over internal HTTP signed with INTERNAL_TOKEN_SECRET. */
export class IdentityClient {
  constructor(private readonly opts: { baseUrl: string; secret: string; timeoutMs?: number }) {}

  async contacts(p: { districtId: DistrictId; unitId: string | null; caseworker: string }): Promise<AlertContacts> {
    const token = await signIdentity({ sub: ALERT_NOTIFIER_SUBJECT, districtId: p.districtId, unitId: null, roles: [] }, this.opts.secret);
    const q = new URLSearchParams({ districtId: p.districtId, caseworker: p.caseworker, ...(p.unitId ? { unitId: p.unitId } : {}) });
    const res = await fetch(`${this.opts.baseUrl}/internal/v1/alert-contacts?${q}`, {
      headers: { [IDENTITY_HEADER]: token, accept: 'application/json' },
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`identity answered ${res.status} for alert contacts`);
    }
    return (await res.json()) as AlertContacts;
  }
}
