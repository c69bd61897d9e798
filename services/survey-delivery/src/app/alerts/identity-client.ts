import { ALERT_NOTIFIER_SUBJECT, alertContactsView, type AlertContacts, type DistrictId } from '@delaktig/contracts';
import { IDENTITY_HEADER, signIdentity } from '@delaktig/service-kit';

export type { AlertContacts };

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
    // Validated on this side too: a contract change in identity fails loudly here, not in a message.
    return alertContactsView.parse(await res.json());
  }
}
