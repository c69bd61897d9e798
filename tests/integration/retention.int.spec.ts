import { signIdentity } from '@delaktig/service-kit';
import { childWithSafetyAlert, phoneNumbers, type ChildWithAlert } from './child-access.support';
import { api, caseRef, tokenFor, waitFor, withDb } from './support/api';
import { testEnv } from './support/env';

/**
 * Retention (gallring, ADR 0019) on the real stack: children who went the whole way (invitation
 * by SMS, answers with a safety alert, feedback) have their rows aged in PostgreSQL as if the
 * retention period had passed; the job then erases exactly what expired, records each erasure
 * in the audit log, and leaves the statistics counts and everything else alone.
 */
const newPhone = phoneNumbers('6');
const DAY = 86_400_000;
const central = { sub: 'it-retention', districtId: 'central', unitId: null, roles: ['district-admin'] } as never;

async function runRetention(service: 'responses' | 'survey-delivery' | 'identity', who = central) {
  const port = testEnv[{ responses: 'RESPONSES_PORT', 'survey-delivery': 'SURVEY_DELIVERY_PORT', identity: 'IDENTITY_PORT' }[service]];
  const res = await fetch(`http://127.0.0.1:${port}/internal/v1/retention/run`, {
    method: 'POST',
    headers: { 'x-delaktig-identity': await signIdentity(who, testEnv['INTERNAL_TOKEN_SECRET'] as string) },
  });
  return { status: res.status, body: await res.json() };
}

/** What is left of an invitation in responses and survey-delivery. */
async function leftOf(invitationId: string) {
  const responses = await withDb('responses', async (db) => {
    const n = async (sql: string) => (await db.query(sql, [invitationId])).rows[0].n as number;
    return {
      invitation: await n('SELECT count(*)::int AS n FROM invitation WHERE id = $1'),
      response: await n('SELECT count(*)::int AS n FROM response WHERE invitation_id = $1'),
      alert: await n('SELECT count(*)::int AS n FROM safety_alert WHERE invitation_id = $1'),
      steps: await n('SELECT count(*)::int AS n FROM safety_alert_step s JOIN safety_alert a ON a.id = s.alert_id WHERE a.invitation_id = $1'),
      feedback: await n('SELECT count(*)::int AS n FROM feedback WHERE invitation_id = $1'),
    };
  });
  const delivery = await withDb('survey-delivery', async (db) => {
    const inv = (await db.query('SELECT case_reference, contact_enc IS NOT NULL AS contact FROM invitation WHERE id = $1', [invitationId])).rows[0];
    const ladder = (await db.query('SELECT count(*)::int AS n FROM safety_alert_ladder WHERE invitation_id = $1', [invitationId])).rows[0].n;
    const deliveries = (await db.query('SELECT count(*)::int AS n FROM delivery WHERE invitation_id = $1', [invitationId])).rows[0].n;
    return { caseReference: inv?.case_reference ?? null, contact: inv?.contact ?? false, ladder, deliveries };
  });
  const access = await withDb('identity', async (db) => (await db.query('SELECT count(*)::int AS n FROM child_access WHERE invitation_id = $1', [invitationId])).rows[0].n as number);
  return { ...responses, ...delivery, access };
}

/** Moves everything about an invitation `days` into the past (as if that time had gone by). */
async function age(invitationId: string, days: number, what: { acknowledged: boolean }) {
  const ms = days * DAY;
  await withDb('responses', async (db) => {
    await db.query(`UPDATE invitation SET created_at = created_at - $2 * interval '1 ms', expires_at = expires_at - $2 * interval '1 ms' WHERE id = $1`, [invitationId, ms]);
    await db.query(`UPDATE response SET started_at = started_at - $2 * interval '1 ms', submitted_at = submitted_at - $2 * interval '1 ms' WHERE invitation_id = $1`, [invitationId, ms]);
    await db.query(`UPDATE feedback SET given_at = given_at - $2 * interval '1 ms' WHERE invitation_id = $1`, [invitationId, ms]);
    await db.query(
      `UPDATE safety_alert SET raised_at = raised_at - $2 * interval '1 ms', acknowledged_at = CASE WHEN $3 THEN coalesce(acknowledged_at, now()) - $2 * interval '1 ms' END WHERE invitation_id = $1`,
      [invitationId, ms, what.acknowledged],
    );
  });
  await withDb('survey-delivery', async (db) => {
    await db.query(`UPDATE invitation SET created_at = created_at - $2 * interval '1 ms', status_at = status_at - $2 * interval '1 ms', expires_at = expires_at - $2 * interval '1 ms' WHERE id = $1`, [invitationId, ms]);
    await db.query(`UPDATE delivery SET created_at = created_at - $2 * interval '1 ms' WHERE invitation_id = $1`, [invitationId, ms]);
    await db.query(`UPDATE safety_alert_ladder SET closed_at = CASE WHEN $3 THEN coalesce(closed_at, now()) - $2 * interval '1 ms' END WHERE invitation_id = $1`, [invitationId, ms, what.acknowledged]);
  });
  await withDb('identity', (db) =>
    db.query(
      `UPDATE child_access SET submitted_at = submitted_at - $2 * interval '1 ms', ended_at = ended_at - $2 * interval '1 ms', expires_at = expires_at - $2 * interval '1 ms' WHERE invitation_id = $1`,
      [invitationId, ms],
    ),
  );
}

const erasures = (invitationId: string) =>
  withDb('audit', async (db) => (await db.query(`SELECT actor, district_id FROM audit_entry WHERE action = 'retention.erased' AND object_id = $1 ORDER BY seq`, [invitationId])).rows);
const statisticsRecord = (invitationId: string) =>
  withDb('statistics', async (db) => (await db.query('SELECT count(*)::int AS n FROM response_record WHERE invitation_id = $1', [invitationId])).rows[0].n as number);

describe('retention (gallring): exactly what expired is erased, audited, statistics kept', () => {
  let caseworker: string;
  let expired: ChildWithAlert; // answered 800 days ago, alert acknowledged, feedback given
  let recent: ChildWithAlert; // answered now
  let old: ChildWithAlert; // answered 100 days ago: only the contact data is past its retention
  let unacknowledged: ChildWithAlert; // 800 days ago, but the alert was never acknowledged

  beforeAll(async () => {
    caseworker = await tokenFor('handlaggare.skarpnack');
    [expired, recent, old, unacknowledged] = await Promise.all(['GALL', 'NY', 'KONT', 'OKV'].map((p) => childWithSafetyAlert(caseworker, newPhone(), caseRef(p))));
    for (const c of [expired, recent]) {
      expect((await api('POST', `/api/v1/alerts/${c.alertId}/acknowledge`, { token: caseworker })).status).toBe(200);
      expect((await api('POST', `/api/v1/invitations/${c.invitationId}/feedback`, { token: caseworker, body: { text: 'Tack för dina svar.' } })).status).toBe(201);
    }
    // survey-delivery closes the ladder and queues the feedback notice once it has heard of them.
    await waitFor(
      () => withDb('survey-delivery', async (db) => (await db.query(`SELECT count(*)::int AS n FROM safety_alert_ladder WHERE invitation_id = $1 AND closed_at IS NOT NULL`, [expired.invitationId])).rows[0].n === 1 || undefined),
      20_000,
      'the ladder closed by the acknowledgement',
    );
    await waitFor(async () => ((await statisticsRecord(expired.invitationId)) === 1 ? true : undefined), 20_000, 'statistics to count the answers');
    await age(expired.invitationId, 800, { acknowledged: true });
    await age(unacknowledged.invitationId, 800, { acknowledged: false });
    await age(old.invitationId, 100, { acknowledged: false });
  }, 180_000);

  it('erases the expired child’s answers, alert, feedback, invitation and case reference, and nothing of the others', async () => {
    const before = { recent: await leftOf(recent.invitationId), old: await leftOf(old.invitationId), unacknowledged: await leftOf(unacknowledged.invitationId) };
    expect(await leftOf(expired.invitationId)).toMatchObject({ invitation: 1, response: 1, alert: 1, feedback: 1, caseReference: expired.caseReference, ladder: 1, access: 1 });

    const r = await runRetention('responses');
    const d = await runRetention('survey-delivery');
    const i = await runRetention('identity');
    expect([r.status, d.status, i.status]).toEqual([200, 200, 200]);
    expect(i.body.erased['child-access']).toBeGreaterThanOrEqual(2);
    expect(r.body.erased).toMatchObject({ response: expect.any(Number), 'safety-alert': expect.any(Number), feedback: expect.any(Number) });
    expect(d.body.erased).toMatchObject({ invitation: expect.any(Number), contact: expect.any(Number) });

    expect(await leftOf(expired.invitationId)).toEqual({ invitation: 0, response: 0, alert: 0, steps: 0, feedback: 0, caseReference: null, contact: false, ladder: 0, deliveries: 0, access: 0 });
    // The recent child: untouched.
    expect(await leftOf(recent.invitationId)).toEqual(before.recent);
    // 100 days after its last message: the contact data is gone; the rest (and the child's access, 90 days from its expiry) is kept.
    expect(await leftOf(old.invitationId)).toEqual({ ...before.old, contact: false });
    expect(before.old.contact).toBe(true);
    // An alert nobody acknowledged is never erased, even past the retention period (its answers are).
    expect(await leftOf(unacknowledged.invitationId)).toMatchObject({ alert: 1, response: 0, caseReference: null });
    // A second run finds nothing more.
    expect((await runRetention('responses')).body.erased).toEqual({});
  }, 60_000);

  it('records every erasure in the audit log of the district, by the system, and keeps the statistics counts', async () => {
    // responses, survey-delivery and identity each recorded what they erased of this child.
    const entries = await waitFor(async () => ((await erasures(expired.invitationId)).length >= 3 ? erasures(expired.invitationId) : undefined), 20_000, 'the erasures in the audit log');
    expect(entries.every((e) => e.actor === 'system' && e.district_id === 'skarpnack')).toBe(true);
    expect(await erasures(recent.invitationId)).toEqual([]);
    expect((await erasures(old.invitationId)).length).toBe(1);
    expect(await statisticsRecord(expired.invitationId)).toBe(1);
    // The caseworker no longer sees the erased child; the recent one is still there.
    const list = await api('GET', '/api/v1/invitations', { token: caseworker });
    const ids = (list.body.items as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(recent.invitationId);
    expect(ids).not.toContain(expired.invitationId);
  }, 60_000);

  it('runs only for the central office: a district admin is refused', async () => {
    const r = await runRetention('responses', { sub: 'x', districtId: 'skarpnack', unitId: null, roles: ['district-admin'] } as never);
    expect(r.status).toBe(403);
  });
});
