import { randomUUID } from 'node:crypto';
import { protectPin } from '../../services/identity/src/staff/pin';
import { demoPersonalNumber, SignInRefused, signInWithBankId, targetOf } from '../support/staff-sign-in';
import { api, tokenFor, waitFor, withDb } from './support/api';
import { KEYCLOAK, PROFILE, REALM, testEnv } from './support/env';

/**
 * Staff sign in through Keycloak with BankID only (ADR 0008): Keycloak → identity provider
 * `bankid` → identity's BankID page → simulator → first-broker-login links the existing user.
 * No passwords: the password grant is refused.
 */
const target = targetOf(PROFILE);
// Simulator test persons (libs/bankid/src/simulator/test-persons.ts).
const ANNA = '198504129829'; // not registered
const ERIK = '198112289874'; // deactivated (tidigare.skarpnack)
const AMIRA = '198408719881'; // registered below under a username Keycloak does not have
const PIN_HASH_KEY = testEnv['PIN_HASH_KEY'] || 'dev-only-pin-hash-key-not-for-production-000000';

async function adminToken(): Promise<string> {
  const res = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: process.env['KEYCLOAK_ADMIN'] ?? 'admin', password: process.env['KEYCLOAK_ADMIN_PASSWORD'] ?? 'admin' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function realmUserCount(): Promise<number> {
  const res = await fetch(`${KEYCLOAK}/admin/realms/${REALM}/users/count`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  expect(res.status).toBe(200);
  return Number(await res.text());
}

describe('staff sign-in through Keycloak with BankID', () => {
  it('gives a caseworker a token for the gateway with their district, by BankID alone', async () => {
    const token = await tokenFor('handlaggare.skarpnack');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: `${KEYCLOAK}/realms/${REALM}`, preferred_username: 'handlaggare.skarpnack', district: 'skarpnack' });
    expect(claims.aud).toContain('delaktig-gateway');
    const me = await api('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ districtId: 'skarpnack', districtName: 'Skarpnäck', roles: ['caseworker'] });
  });

  it('has no passwords: the password grant is refused', async () => {
    const res = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'delaktig-staff', username: 'handlaggare.skarpnack', password: 'demo' }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/unauthorized_client|invalid_grant/);
  });

  it('refuses an unregistered and a deactivated person with Swedish messages, and creates no Keycloak user', async () => {
    const before = await realmUserCount();
    await expect(signInWithBankId(target, ANNA)).rejects.toThrow(/^Du är inte registrerad i Delaktig/);
    const deactivated = await signInWithBankId(target, ERIK).catch((e: unknown) => e);
    expect(deactivated).toBeInstanceOf(SignInRefused);
    expect((deactivated as SignInRefused).reason).toBe('deactivated');
    expect((deactivated as Error).message).toMatch(/^Ditt konto i Delaktig är avslutat/);
    expect(await realmUserCount()).toBe(before);
  });

  it('records every sign-in and refusal for the audit trail, without personal identity numbers', async () => {
    const since = new Date();
    await signInWithBankId(target, demoPersonalNumber('handlaggare.skarpnack'));
    await signInWithBankId(target, ANNA).catch(() => undefined);
    await signInWithBankId(target, ERIK).catch(() => undefined);
    const events = await withDb('identity', async (db) =>
      (await db.query<{ payload: { data: Record<string, unknown> } }>(`SELECT payload FROM outbox_event WHERE type = 'StaffSignIn' AND created_at >= $1 ORDER BY seq`, [since])).rows.map((r) => r.payload.data),
    );
    expect(events.map((d) => [d['outcome'], d['districtId']])).toEqual([
      ['signed-in', 'skarpnack'],
      ['refused-unregistered', null],
      ['refused-deactivated', 'skarpnack'],
    ]);
    expect(events[1]?.['staffId']).toBeNull();
    const text = JSON.stringify(events);
    for (const pin of [ANNA, ERIK, demoPersonalNumber('handlaggare.skarpnack')]) expect(text).not.toContain(pin.slice(0, 8));

    // The audit service records them in the district's chain (an unknown person's in the central office's).
    const audited = await waitFor(
      () =>
        withDb('audit', async (db) => {
          const rows = (await db.query<{ district_id: string; object_id: string }>(`SELECT district_id, object_id FROM audit_entry WHERE action = 'staff.sign-in' AND occurred_at >= $1 ORDER BY seq`, [since])).rows;
          return rows.length >= 3 ? rows : undefined;
        }),
      30_000,
      'the sign-ins in the audit trail',
    );
    expect(audited.map((r) => `${r.district_id}:${r.object_id}`)).toEqual(['skarpnack:signed-in', 'central:refused-unregistered', 'skarpnack:refused-deactivated']);
  });

  it('refuses someone identity knows but Keycloak does not (link only, nobody is created)', async () => {
    const id = randomUUID();
    const { pinHash, pinMasked } = protectPin(AMIRA, PIN_HASH_KEY);
    await withDb('identity', (db) =>
      db.query(
        `INSERT INTO staff_member (id, keycloak_username, district_id, unit, role, pin_hash, pin_masked) VALUES ($1, $2, 'skarpnack', NULL, 'caseworker', $3, $4)`,
        [id, `saknas.${id.slice(0, 8)}`, pinHash, pinMasked],
      ),
    );
    try {
      const before = await realmUserCount();
      const refused = await signInWithBankId(target, AMIRA).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SignInRefused);
      expect((refused as Error).message).toContain('Du kan inte logga in i Delaktig: det finns inget konto för dig här');
      expect(await realmUserCount()).toBe(before);
    } finally {
      await withDb('identity', (db) => db.query('DELETE FROM staff_member WHERE id = $1', [id]));
    }
  });
});
