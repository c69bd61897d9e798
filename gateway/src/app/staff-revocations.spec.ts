import type { ServiceClient } from './service-client';
import { StaffRevocations } from './staff-revocations';

describe('StaffRevocations', () => {
  it('refuses the tokens of deactivated staff, keeps the last list while identity is away, and lets reactivated staff in again', async () => {
    const answers: (() => Promise<{ status: number; body: unknown }>)[] = [
      async () => ({ status: 200, body: { items: [{ subject: 'kc-sara', deactivatedAt: '2026-11-23T10:00:00Z' }] } }),
      async () => {
        throw new Error('identity is not answering');
      },
      async () => ({ status: 200, body: { items: [] } }),
    ];
    const calls: string[] = [];
    const client = {
      call: (service: string, method: string, path: string) => {
        calls.push(`${service} ${method} ${path}`);
        return (answers.shift() as () => Promise<{ status: number; body: unknown }>)();
      },
    } as unknown as ServiceClient;
    const list = new StaffRevocations(client, 5_000);

    expect(list.isRevoked('kc-sara')).toBe(false);
    await list.refresh();
    expect(list.isRevoked('kc-sara')).toBe(true);
    expect(list.isRevoked('kc-erik')).toBe(false);
    await list.refresh(); // identity away: still refused
    expect(list.isRevoked('kc-sara')).toBe(true);
    await list.refresh(); // reactivated
    expect(list.isRevoked('kc-sara')).toBe(false);
    expect(calls).toEqual(Array(3).fill('identity GET /internal/v1/staff-revocations'));
  });
});
