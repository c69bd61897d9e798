import { randomUUID } from 'node:crypto';
import {
  createEvent,
  FeedbackGivenV1,
  InvitationCreatedV2,
  InvitationDeliveryFailedV1,
  InvitationOpenedV1,
  InvitationRevokedV1,
  InvitationSentV1,
  InvolvementRatedV1,
  ResponseSubmittedV1,
  SafetyAlertAcknowledgedV1,
  SafetyAlertRaisedV1,
  TOPICS,
  type EventDefinition,
  type EventEnvelope,
} from '@delaktig/contracts';
import type { z } from 'zod';
import { api, tokenFor, waitFor, withDb } from './support/api';
import { TOPIC_PREFIX } from './support/env';
import { kafka, waitForConsumers } from './support/kafka';
import { keptAndRecomputedCounts } from './support/statistics';

/**
 * The participation indicator through Kafka: invitation, child access, response and
 * feedback events land in statistics (idempotently) and come out per district and month,
 * small cells as "<5", only for the district's admin and the central office.
 */
/** A published count protects the true one: 0 only for 0… or a perturbed small count; "<5" for 1–4; else within ±2. */
function expectProtected(published: number | '<5', truth: number) {
  if (truth === 0) return expect(published).toBe(0);
  if (published === '<5' || published === 0) return expect(truth).toBeLessThanOrEqual(6);
  expect(published).toBeGreaterThanOrEqual(5);
  expect(Math.abs(published - truth)).toBeLessThanOrEqual(2);
}

describe('statistics: participation per district and month', () => {
  let analyst: string;
  let adminSkarpnack: string;
  let adminNorrmalm: string;
  let caseworker: string;

  beforeAll(async () => {
    [analyst, adminSkarpnack, adminNorrmalm, caseworker] = await Promise.all([
      tokenFor('analytiker.central'),
      tokenFor('admin.skarpnack'),
      tokenFor('admin.norrmalm'),
      tokenFor('handlaggare.skarpnack'),
    ]);
  });

  const periods = (token: string, query = '') => api('GET', `/api/v1/statistics/participation/periods${query}`, { token });

  it('counts each step of the invitations once, in the month it happened, showing 1–4 as <5', async () => {
    // A month 13–35 months back that nobody has counted yet in this district: the counts are then exactly ours.
    const before = await periods(analyst, '?districtId=skarpnack&months=36');
    expect(before.status).toBe(200);
    const used = new Set((before.body.periods as { period: string }[]).map((p) => p.period));
    let when = new Date();
    for (let back = 13 + Math.floor(Math.random() * 20); ; back++) {
      when = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - back, 15, 10));
      if (!used.has(when.toISOString().slice(0, 7))) break;
    }
    const period = when.toISOString().slice(0, 7);
    const at = when.toISOString();
    const districtId = 'skarpnack' as const;
    const ids = Array.from({ length: 7 }, () => randomUUID());

    const ev = <T extends z.ZodType>(def: EventDefinition<T>, data: z.input<T>, key: string): EventEnvelope =>
      createEvent(def, data, { key, source: 'integration-test', correlationId: randomUUID(), occurredAt: when });
    const byTopic = new Map<string, EventEnvelope[]>();
    const add = (e: EventEnvelope, def: EventDefinition) => byTopic.set(def.topic, [...(byTopic.get(def.topic) ?? []), e]);

    ids.forEach((invitationId, i) => {
      add(
        ev(InvitationCreatedV2, {
          invitationId, districtId, unitId: null, ageBand: '12-18', createdBy: 'it-staff', createdAt: at, questionnaireVersionId: randomUUID(), expiresAt: at,
          language: 'sv', channel: 'sms', discreet: false, gender: 'girl', birthYear: 2012, occasion: 1, childRef: 'a'.repeat(64),
        } as z.input<typeof InvitationCreatedV2.schema>, invitationId),
        InvitationCreatedV2,
      );
      add(ev(InvitationSentV1, { invitationId, districtId, channel: 'sms', purpose: 'invitation', sentAt: at, attempt: 1 }, invitationId), InvitationSentV1);
      // A reminder is not the invitation being sent again.
      add(ev(InvitationSentV1, { invitationId, districtId, channel: 'sms', purpose: 'reminder', sentAt: at, attempt: 1 }, invitationId), InvitationSentV1);
      if (i < 6) {
        add(ev(InvitationOpenedV1, { invitationId, districtId, openedAt: at }, invitationId), InvitationOpenedV1);
        // The child opens it again: still one opened invitation.
        add(ev(InvitationOpenedV1, { invitationId, districtId, openedAt: at }, invitationId), InvitationOpenedV1);
      }
      if (i < 5) {
        add(
          ev(ResponseSubmittedV1, {
            responseId: randomUUID(), invitationId, districtId, unitId: null, ageBand: '12-18', gender: 'girl', occasion: 1,
            questionnaireVersionId: randomUUID(), submittedAt: at, answers: [],
          } as z.input<typeof ResponseSubmittedV1.schema>, invitationId),
          ResponseSubmittedV1,
        );
        add(ev(FeedbackGivenV1, { feedbackId: randomUUID(), invitationId, districtId, givenBy: 'it-staff', givenAt: at }, invitationId), FeedbackGivenV1);
        add(
          ev(InvolvementRatedV1, { invitationId, districtId, ageBand: '12-18', gender: 'girl', rating: i < 3 ? '4' : 'dont-know', ratedAt: at } as z.input<typeof InvolvementRatedV1.schema>, invitationId),
          InvolvementRatedV1,
        );
      }
    });
    add(ev(InvitationDeliveryFailedV1, { invitationId: ids[6], districtId, channel: 'sms', purpose: 'invitation', failedAt: at, attempt: 3, reason: 'undelivered', final: true }, ids[6]), InvitationDeliveryFailedV1);
    add(ev(InvitationRevokedV1, { invitationId: ids[6], districtId, revokedBy: 'it-staff', revokedAt: at }, ids[6]), InvitationRevokedV1);

    const producer = kafka.producer();
    await producer.connect();
    for (const [topic, events] of byTopic) {
      const messages = events.map((e) => ({ key: e.key, value: JSON.stringify(e) }));
      // Every event delivered twice (a relay retry): counted once.
      await producer.send({ topic: `${TOPIC_PREFIX}${topic}`, messages: [...messages, ...messages] });
    }
    await producer.disconnect();
    for (const topic of byTopic.keys()) await waitForConsumers(topic, ['statistics'], 30_000);

    // What is kept is exact: each step of each invitation once.
    const exact = { created: 7, sent: 7, deliveryFailed: 1, opened: 6, submitted: 5, expired: 0, revoked: 1, feedbackGiven: 5, rated: 5 };
    const exactRatings = { '1': 0, '2': 0, '3': 0, '4': 3, '5': 0, 'dont-know': 2 };
    await waitFor(
      async () => {
        const kept = await withDb('statistics', async (db) =>
          (await db.query(`SELECT k, n FROM participation_month WHERE district_id = $1 AND period = $2 AND n <> 0`, [districtId, period])).rows,
        );
        const n = (k: string) => kept.find((r) => r.k === k)?.n ?? 0;
        return Object.entries(exact).every(([k, v]) => n(k) === v) && Object.entries(exactRatings).every(([k, v]) => n(`rating:${k}`) === v);
      },
      20_000,
      `the counts of ${period}`,
    );
    // What is published is protected (ADR 0011): within ±2 of the truth, 1–4 shown as "<5", 0 stays 0.
    const row = (await periods(adminSkarpnack, '?months=36')).body.periods.find((p: { period: string }) => p.period === period);
    for (const [k, v] of Object.entries(exact)) expectProtected(row.counts[k], v);
    for (const [k, v] of Object.entries(exactRatings)) expectProtected(row.ratings[k], v);

    // The central office sees the same numbers for the district (same records, same cell keys).
    const central = await periods(analyst, '?districtId=skarpnack&months=36');
    expect((central.body.periods as any[]).find((p) => p.period === period).counts).toEqual(row.counts);
    const all = await periods(analyst, '?months=36');
    expect(all.status).toBe(200);
    expect(all.body.districtId).toBeNull();
  });

  it('moves a count when an earlier event arrives late or the child changes the rating; the kept counts always equal a recomputation from the rows', async () => {
    const invitationId = randomUUID();
    const districtId = 'norrmalm' as const;
    const monthAgo = (m: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - m, 15, 10)).toISOString();
    const send = async (def: EventDefinition, data: unknown) => {
      const e = createEvent(def, data as never, { key: invitationId, source: 'integration-test', correlationId: randomUUID() });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: `${TOPIC_PREFIX}${def.topic}`, messages: [{ key: invitationId, value: JSON.stringify(e) }] });
      await producer.disconnect();
      await waitForConsumers(def.topic, ['statistics'], 30_000);
    };
    const created = (createdAt: string) => ({
      invitationId, districtId, unitId: null, ageBand: '12-18', createdBy: 'it-staff', createdAt, questionnaireVersionId: randomUUID(), expiresAt: createdAt,
      language: 'sv', channel: 'sms', discreet: false, gender: 'girl', birthYear: 2012, occasion: 1, childRef: 'b'.repeat(64),
    });
    const rated = (rating: string, ratedAt: string) => ({ invitationId, districtId, ageBand: '12-18', gender: 'girl', rating, ratedAt });
    const kept = () =>
      withDb('statistics', async (db) => (await db.query(`SELECT period, k, n FROM participation_month WHERE district_id = $1 AND n <> 0 ORDER BY 1, 2`, [districtId])).rows);
    const mine = async () => (await kept()).filter((r) => [monthAgo(2), monthAgo(5), monthAgo(1)].some((m) => m.slice(0, 7) === r.period));

    await send(InvitationCreatedV2, created(monthAgo(2)));
    await send(InvolvementRatedV1, rated('4', monthAgo(1)));
    const first = await mine();
    // A created event from earlier arrives late: the invitation counts in the earlier month only.
    await send(InvitationCreatedV2, created(monthAgo(5)));
    // The child changes the rating: the newer one counts, the older one no longer.
    await send(InvolvementRatedV1, rated('2', new Date(Date.parse(monthAgo(1)) + 3_600_000).toISOString()));
    const later = await mine();
    const count = (rows: any[], period: string, k: string) => rows.find((r) => r.period === period.slice(0, 7) && r.k === k)?.n ?? 0;
    expect(count(later, monthAgo(5), 'created') - count(first, monthAgo(5), 'created')).toBe(1);
    expect(count(first, monthAgo(2), 'created') - count(later, monthAgo(2), 'created')).toBe(1);
    expect(count(first, monthAgo(1), 'rating:4') - count(later, monthAgo(1), 'rating:4')).toBe(1);
    expect(count(later, monthAgo(1), 'rating:2') - count(first, monthAgo(1), 'rating:2')).toBe(1);
    expect(count(later, monthAgo(1), 'rated')).toBe(count(first, monthAgo(1), 'rated'));

    // Everything kept equals what participation_month_rebuild() computes from the rows.
    const { kept: all, recomputed } = await keptAndRecomputedCounts();
    expect(all).toEqual(recomputed);
  });

  it('counts safety alerts raised, acknowledged and acknowledged in time (60 min), answers before the booked meeting, and gives unit leads their unit', async () => {
    const districtId = 'skarpnack' as const;
    const unitId = 'Barn och unga 1';
    const raisedAt = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 3, 10, 9));
    const later = (min: number) => new Date(raisedAt.getTime() + min * 60_000).toISOString();
    const [quick, slow, open] = [randomUUID(), randomUUID(), randomUUID()];
    const events: EventEnvelope[] = [];
    const ev = (def: EventDefinition, data: unknown, key: string) =>
      events.push(createEvent(def, data as never, { key, source: 'integration-test', correlationId: randomUUID() }));
    for (const invitationId of [quick, slow, open]) {
      ev(InvitationCreatedV2, {
        invitationId, districtId, unitId, ageBand: '12-18', createdBy: 'it-staff', createdAt: raisedAt.toISOString(), questionnaireVersionId: randomUUID(),
        expiresAt: raisedAt.toISOString(), language: 'sv', channel: 'sms', discreet: true, gender: 'boy', birthYear: 2012, occasion: 1, childRef: 'c'.repeat(64),
        // The quick one's meeting is after the answer; the slow one's was the day before.
        meetingDate: later(invitationId === quick ? 5 * 24 * 60 : -24 * 60).slice(0, 10),
      }, invitationId);
      ev(ResponseSubmittedV1, {
        responseId: randomUUID(), invitationId, districtId, unitId, ageBand: '12-18', gender: 'boy', occasion: 1, questionnaireVersionId: randomUUID(),
        submittedAt: raisedAt.toISOString(), answers: [],
      }, invitationId);
      // Two alerts on the same invitation count once (the first).
      for (const q of ['home-safe', 'home-violence']) {
        ev(SafetyAlertRaisedV1, { alertId: randomUUID(), invitationId, districtId, unitId, caseworker: 'it-staff', questionId: q, raisedAt: raisedAt.toISOString() }, invitationId);
      }
    }
    ev(SafetyAlertAcknowledgedV1, { alertId: randomUUID(), invitationId: quick, districtId, acknowledgedBy: 'it-staff', acknowledgedAt: later(20) }, quick);
    ev(SafetyAlertAcknowledgedV1, { alertId: randomUUID(), invitationId: slow, districtId, acknowledgedBy: 'it-staff', acknowledgedAt: later(180) }, slow);
    const producer = kafka.producer();
    await producer.connect();
    for (const [topic, prefix] of [[TOPICS.invitation, 'Invitation'], [TOPICS.alert, 'SafetyAlert'], [TOPICS.response, 'Response']]) {
      await producer.send({ topic: `${TOPIC_PREFIX}${topic}`, messages: events.filter((e) => e.type.startsWith(prefix)).map((e) => ({ key: e.key, value: JSON.stringify(e) })) });
    }
    await producer.disconnect();
    const progress = await waitFor(
      async () => {
        const { rows } = await withDb('statistics', (db) =>
          db.query(`SELECT invitation_id::text AS id, unit_id, alert_raised_at, alert_acknowledged_at, submitted_at FROM invitation_progress WHERE invitation_id = ANY($1::uuid[])`, [[quick, slow, open]]),
        );
        return rows.length === 3 && rows.filter((r) => r.alert_acknowledged_at).length === 2 && rows.every((r) => r.alert_raised_at && r.submitted_at) ? rows : undefined;
      },
      20_000,
      'the alerts in statistics',
    );
    expect(progress.every((r: { unit_id: string }) => r.unit_id === unitId)).toBe(true);
    const steps = await withDb('statistics', async (db) =>
      (await db.query(`SELECT s.k, count(*)::int AS n FROM invitation_progress p, LATERAL invitation_steps(p) s WHERE p.invitation_id = ANY($1::uuid[]) AND (s.k LIKE 'alert%' OR s.k = 'answeredBeforeMeeting') GROUP BY 1`, [[quick, slow, open]])).rows,
    );
    expect(Object.fromEntries(steps.map((r) => [r.k, r.n]))).toEqual({ alertRaised: 3, alertAcknowledged: 2, alertAcknowledgedInTime: 1, answeredBeforeMeeting: 1 });
    const { kept, recomputed } = await keptAndRecomputedCounts();
    expect(kept).toEqual(recomputed);

    // The unit lead's participation table is their unit's; district admins get their district; caseworkers none.
    const unitLead = await tokenFor('enhetschef.skarpnack');
    const unitTable = await api('GET', '/api/v1/statistics/participation/table?months=6', { token: unitLead });
    expect(unitTable.status).toBe(200);
    expect(unitTable.body.unitId).toBe(unitId);
    expect(unitTable.body.rows.map((r: { districtId: string }) => r.districtId)).toEqual(['skarpnack']);
    expect(unitTable.body.rows[0].counts).toHaveProperty('alertAcknowledgedInTime');
    const adminTable = await api('GET', '/api/v1/statistics/participation/table?months=6', { token: adminSkarpnack });
    expect(adminTable.body.unitId).toBeNull();
    expect((await api('GET', '/api/v1/statistics/participation/table', { token: caseworker })).status).toBe(403);
    const cityTable = await api('GET', '/api/v1/statistics/participation/table?months=6', { token: analyst });
    expect(cityTable.body.rows).toHaveLength(13);
  });

  it("never shows one district's counts to another district or to caseworkers, and names bad parameters", async () => {
    const other = await periods(adminNorrmalm, '?districtId=skarpnack');
    expect(other.status).toBe(403);
    const own = await periods(adminNorrmalm);
    expect(own.status).toBe(200);
    expect(own.body.districtId).toBe('norrmalm');
    expect((await periods(caseworker)).status).toBe(403);
    const bad = await periods(analyst, '?months=99');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'months', reason: 'must be a whole number from 1 to 36' }]);
    const unknown = await periods(analyst, '?districtId=atlantis');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('districtId');
  });

  it('projects published questionnaire versions (v2 with content) into statistics', async () => {
    const { withDb } = await import('./support/api');
    await waitForConsumers(TOPICS.questionnaire, ['statistics'], 30_000);
    const rows = await withDb('statistics', (db) => db.query<{ key: string; has_content: boolean }>(`SELECT key, content IS NOT NULL AS has_content FROM questionnaire_version`));
    expect(rows.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['default-6-11', 'default-12-18']));
    expect(rows.rows.some((r) => r.has_content)).toBe(true);
  });
});
