import { api, caseRef, tokenFor, waitFor, withDb } from './support/api';
import { testEnv } from './support/env';
import { clientIp, linkTokenSentTo, phoneNumbers } from './child-access.support';
import { randomPersonalNumber } from './staff-admin.support';

/**
 * BankID for young people (issue 5 item 1): where a district admin turns it on, a caseworker
 * can give a 12–18-year-old's personal identity number with the invitation, and the young
 * person can then open it with their own BankID instead of the code. The number lives only
 * as a keyed hash in identity; BankID's answer is compared with it; nobody else's BankID
 * opens the invitation. Everything through the public gateway and the BankID simulator.
 */
const SIM = `http://127.0.0.1:${testEnv['BANKID_SIM_PORT']}`;
const YEAR = new Date().getUTCFullYear();

async function sim(path: string, body: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${SIM}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

const child = (path: string, body: object, ip: string) => api('POST', `/api/v1/child/${path}`, { body, headers: { 'x-forwarded-for': ip } });

async function orderRefOf(orderId: string): Promise<string> {
  return withDb('identity', async (db) => (await db.query('SELECT order_ref FROM child_bankid_order WHERE id = $1', [orderId])).rows[0].order_ref as string);
}

/** Polls collect (as the child app does) until the order is no longer pending. */
async function collectUntilDone(orderId: string, ip: string) {
  return waitFor(
    async () => {
      const r = await child('session/bankid/collect', { orderId }, ip);
      if (r.status !== 200) throw new Error(`collect: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.state === 'pending' ? undefined : r.body;
    },
    20_000,
    'the BankID order to finish',
  );
}

const newPhone = phoneNumbers('8');

describe('BankID for young people (12–18), where the district turns it on', () => {
  let adminSkarpnack: string;
  let caseworkerSkarpnack: string;
  let adminNorrmalm: string;
  let caseworkerNorrmalm: string;

  beforeAll(async () => {
    [adminSkarpnack, caseworkerSkarpnack, adminNorrmalm, caseworkerNorrmalm] = await Promise.all([
      tokenFor('admin.skarpnack'),
      tokenFor('handlaggare.skarpnack'),
      tokenFor('admin.norrmalm'),
      tokenFor('handlaggare.norrmalm'),
    ]);
    await api('PUT', '/api/v1/district/settings', { token: adminNorrmalm, body: { childBankId: false } });
  });

  const setting = (token: string, childBankId: unknown) => api('PUT', '/api/v1/district/settings', { token, body: { childBankId } });

  it('only the district admin turns it on, for their own district; staff read their own district; the change is audited', async () => {
    const since = new Date();
    expect((await setting(caseworkerSkarpnack, true)).status).toBe(403);
    const bad = await setting(adminSkarpnack, 'ja');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'childBankId', reason: 'must be true or false' }]);

    expect((await setting(adminSkarpnack, false)).status).toBe(200);
    const on = await setting(adminSkarpnack, true);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ districtId: 'skarpnack', childBankId: true });
    expect(on.body.updatedBy).toEqual(expect.any(String));

    expect((await api('GET', '/api/v1/district/settings', { token: caseworkerSkarpnack })).body).toMatchObject({ districtId: 'skarpnack', childBankId: true });
    // Norrmalm's stays its own (off).
    expect((await api('GET', '/api/v1/district/settings', { token: caseworkerNorrmalm })).body).toMatchObject({ districtId: 'norrmalm', childBankId: false });

    const audited = await waitFor(
      () =>
        withDb('audit', async (db) => {
          const rows = (await db.query(`SELECT district_id, object_id FROM audit_entry WHERE action = 'district.settings-changed' AND occurred_at >= $1`, [since])).rows;
          return rows.some((r) => r.district_id === 'skarpnack') ? rows : undefined;
        }),
      30_000,
      'the settings change in the audit trail',
    );
    expect(audited.every((r) => r.district_id === 'skarpnack' && r.object_id === 'skarpnack')).toBe(true);
  });

  async function invite(token: string, overrides: Record<string, unknown>, phone = newPhone()) {
    const r = await api('POST', '/api/v1/invitations', {
      token,
      body: { caseReference: caseRef('BID'), birthYear: YEAR - 15, ageBand: '12-18', channel: 'sms', phone: phone.replace('+46', '0'), ...overrides },
    });
    return Object.assign(r, { phone });
  }

  it("refuses the young person's number with a reason for each field problem, and where the district has it off", async () => {
    await setting(adminSkarpnack, true);
    const pin = randomPersonalNumber(false, YEAR - 15);
    const reason = async (token: string, overrides: Record<string, unknown>) => {
      const r = await invite(token, overrides);
      expect(r.status).toBe(400);
      return r.body.errors.find((e: { field: string }) => e.field === 'childPersonalNumber')?.reason as string;
    };
    expect(await reason(caseworkerSkarpnack, { birthYear: YEAR - 9, ageBand: '6-11', childPersonalNumber: pin })).toBe('can only be given for age band 12-18 (BankID for young people)');
    expect(await reason(caseworkerSkarpnack, { childPersonalNumber: pin.slice(0, 11) + ((Number(pin.at(-1)) + 1) % 10) })).toMatch(/check digit/);
    expect(await reason(caseworkerSkarpnack, { birthYear: YEAR - 16, childPersonalNumber: pin })).toBe(`does not match birth year ${YEAR - 16}`);
    expect(await reason(caseworkerNorrmalm, { childPersonalNumber: pin })).toMatch(/not turned on in your district/);
  });

  it('the young person opens the invitation with their own BankID; the number is kept only as a keyed hash, never by survey-delivery', async () => {
    await setting(adminSkarpnack, true);
    const pin = randomPersonalNumber(false, YEAR - 15);
    const created = await invite(caseworkerSkarpnack, { childPersonalNumber: `${pin.slice(2, 8)}-${pin.slice(8)}` });
    expect(created.status).toBe(201);
    expect(created.body.childBankId).toBe(true);
    const invitationId = created.body.invitation.id as string;
    // The caseworker's list says so (survey-delivery keeps only this flag, never the number).
    expect(created.body.invitation.childBankId).toBe(true);
    expect((await api('GET', `/api/v1/invitations/${invitationId}`, { token: caseworkerSkarpnack })).body.childBankId).toBe(true);

    // Stored: identity a 64-hex keyed hash; survey-delivery nothing of it (row, delivery, outbox).
    const access = await withDb('identity', async (db) => (await db.query('SELECT * FROM child_access WHERE invitation_id = $1', [invitationId])).rows[0]);
    expect(access.pin_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(access)).not.toContain(pin.slice(2));
    const delivery = await withDb('survey-delivery', async (db) =>
      JSON.stringify([
        (await db.query('SELECT * FROM invitation WHERE id = $1', [invitationId])).rows,
        (await db.query('SELECT payload FROM outbox_event WHERE key = $1', [invitationId])).rows,
      ]),
    );
    expect(delivery).not.toContain(pin.slice(2, 8));

    const token = await linkTokenSentTo(created.phone);
    const ip = clientIp();
    await waitFor(async () => ((await child('session/methods', { token }, ip)).body.bankId === true ? true : undefined), 30_000, 'BankID to be offered');

    const started = await child('session/bankid', { token }, ip);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'pending', hintCode: 'outstandingTransaction', session: null });
    expect(started.body.message).toMatch(/BankID/);
    expect(started.body.qrSvg).toMatch(/^<svg/);
    const autostart = new URL(started.body.autostartUrl);
    expect(autostart.searchParams.get('autostarttoken')).toEqual(expect.any(String));
    expect(autostart.searchParams.get('redirect')).toMatch(new RegExp(`/#/i/${token}$`));
    const orderRef = await orderRefOf(started.body.orderId);

    expect((await sim(`/sim/orders/${orderRef}/approve`, { personalNumber: pin })).status).toBeLessThan(400);
    const done = await collectUntilDone(started.body.orderId, ip);
    expect(done.state).toBe('complete');
    expect(done.session.invitation).toMatchObject({ ageBand: '12-18', answering: true });
    // The session works like the code's: the questionnaire of this invitation.
    const q = await api('GET', '/api/v1/child/questionnaire', { token: done.session.sessionToken });
    expect(q.status).toBe(200);
    expect(q.body.ageBand).toBe('12-18');
    // The session is handed out once.
    const again = await child('session/bankid/collect', { orderId: started.body.orderId }, ip);
    expect(again.body).toMatchObject({ state: 'complete', session: null });
    const opened = await withDb('identity', async (db) => (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE key = $1 AND type = 'InvitationOpened'`, [invitationId])).rows[0].n);
    expect(opened).toBe(1);
  });

  it("somebody else's BankID (a parent's) does not open it; turning the setting off stops BankID at once, the code still works", async () => {
    await setting(adminSkarpnack, true);
    const pin = randomPersonalNumber(false, YEAR - 14);
    const created = await invite(caseworkerSkarpnack, { birthYear: YEAR - 14, childPersonalNumber: pin });
    expect(created.status).toBe(201);
    const withoutNumber = await invite(caseworkerSkarpnack, { birthYear: YEAR - 14 });
    expect(withoutNumber.body).toMatchObject({ childBankId: false, invitation: { childBankId: false } });
    const token = await linkTokenSentTo(created.phone);
    const ip = clientIp();
    await waitFor(async () => ((await child('session/methods', { token }, ip)).body.bankId === true ? true : undefined), 30_000, 'BankID to be offered');

    const started = await child('session/bankid', { token }, ip);
    await sim(`/sim/orders/${await orderRefOf(started.body.orderId)}/approve`, { personalNumber: randomPersonalNumber(false, 1980) });
    const refused = await collectUntilDone(started.body.orderId, ip);
    expect(refused).toMatchObject({ state: 'failed', hintCode: 'wrongPerson', session: null });
    expect(refused.message).toMatch(/hör inte till/);

    // Cancelling ("Avbryt") ends an order at BankID too.
    const second = await child('session/bankid', { token }, ip);
    const cancelled = await child('session/bankid/cancel', { orderId: second.body.orderId }, ip);
    expect(cancelled.body).toMatchObject({ state: 'failed', hintCode: 'rpCancel' });

    await setting(adminSkarpnack, false);
    expect((await child('session/methods', { token }, ip)).body).toEqual({ code: true, bankId: false });
    const off = await child('session/bankid', { token }, ip);
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('child-bankid-unavailable');
    expect((await api('POST', '/api/v1/child/session', { body: { token, code: created.body.code }, headers: { 'x-forwarded-for': ip } })).status).toBe(201);
    await setting(adminSkarpnack, true);
  });

  it('refuses malformed BankID requests with 4xx reasons, never a 500', async () => {
    const ip = clientIp();
    expect((await child('session/bankid', {}, ip)).status).toBe(400);
    expect((await child('session/bankid', { token: 'x'.repeat(43) }, ip)).body.code).toBe('child-access-not-found');
    const badId = await child('session/bankid/collect', { orderId: 'nope' }, ip);
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toEqual({ field: 'orderId', reason: 'must be the orderId from starting BankID' });
    const unknown = await child('session/bankid/collect', { orderId: '00000000-0000-4000-8000-000000000000' }, ip);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('child-bankid-order-not-found');
    expect((await child('session/methods', { token: 'short' }, ip)).body).toEqual({ code: true, bankId: false });
  });
});
