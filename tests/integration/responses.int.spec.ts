import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InvitationExpiredV1, InvitationRevokedV1, TOPICS } from '@delaktig/contracts';
import { api, waitFor, withDb } from './support/api';
import { asChild, invite, opt, publish, publishVersion, RESPONSES, rowExists, staff, type Inv, type Staff } from './support/responses';
import { REPO_ROOT, testEnv, TOPIC_PREFIX } from './support/env';
import { kafka } from './support/kafka';

/**
 * Responses (issue 5): the child saves drafts and submits once, validated against the
 * exact questionnaire version; expired, revoked and other-version writes are refused;
 * safety answers raise alerts for the caseworker and the unit lead at once, acknowledged or
 * escalated; the caseworker reads the answers (free text decrypted only there). The
 * version and invitation arrive as real Kafka events; the child calls the service with a
 * gateway-signed child identity (the gateway's child routes belong to the access work).
 */
const SECRET_TEXT = `Min hemliga text ${Date.now()}`;

const versionKnown = (versionId: string) => rowExists('questionnaire_version', versionId);

/** A call of the child's session to responses' `/child/response<path>`. */
const child = (inv: Inv, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, base = RESPONSES) =>
  asChild(inv, method, `/response${path}`, body, headers, base);

const submit = (inv: Inv, answers: unknown[], key: string | null = randomUUID(), extra: Record<string, unknown> = {}) =>
  child(inv, 'POST', '/submit', { answers, ...extra }, key === null ? {} : { 'idempotency-key': key });

const saveDraft = (inv: Inv, answers: unknown[]) => child(inv, 'PUT', '/draft', { answers, position: null });

const fullAnswers = () => [
  opt('home-safe', 'neutral'),
  opt('home-why', 'other'),
  opt('home-hurt', 'no'),
  { questionId: 'home-talk', value: { kind: 'flag', on: true } },
  opt('school-like', 'happy', true),
  { questionId: 'school-good', value: { kind: 'options', optionIds: ['friends', 'breaks'] } },
  { questionId: 'school-words', value: { kind: 'text', text: SECRET_TEXT } },
  { questionId: 'school-talk', value: { kind: 'flag', on: false } },
  { questionId: 'leisure-words', value: { kind: 'declined' } },
];

async function outbox(key: string, type?: string): Promise<any[]> {
  return withDb('responses', async (db) =>
    (await db.query(`SELECT payload FROM outbox_event WHERE key = $1 ${type ? 'AND type = $2' : ''} ORDER BY seq`, type ? [key, type] : [key])).rows.map(
      (r) => r.payload,
    ),
  );
}

async function column(invitationId: string, name: 'expired_at' | 'revoked_at'): Promise<Date | undefined> {
  return withDb('responses', async (db) => (await db.query(`SELECT ${name} AS v FROM invitation WHERE id = $1`, [invitationId])).rows[0]?.v ?? undefined);
}

/** Reads the events of one key from a topic (from the beginning, own consumer group). */
async function kafkaEvents(baseTopic: string, key: string, until: (events: any[]) => boolean): Promise<{ raw: string; event: any }[]> {
  const consumer = kafka.consumer({ groupId: `it-responses-${randomUUID()}` });
  const found: { raw: string; event: any }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: `${TOPIC_PREFIX}${baseTopic}`, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.key?.toString() !== key) return;
      const raw = message.value?.toString() ?? '';
      found.push({ raw, event: JSON.parse(raw) });
    },
  });
  try {
    await waitFor(async () => until(found.map((f) => f.event)) || undefined, 30_000, `events of ${key} on ${baseTopic}`);
  } finally {
    await consumer.disconnect();
  }
  return found;
}

describe('responses: drafts, one submission, safety alerts, the caseworker view', () => {
  let caseworker: Staff;
  let lead: Staff;
  let otherDistrict: Staff;
  let admin: Staff;
  let versionId: string;

  beforeAll(async () => {
    [caseworker, lead, otherDistrict, admin] = await Promise.all([
      staff('handlaggare.skarpnack'),
      staff('enhetschef.skarpnack'),
      staff('handlaggare.norrmalm'),
      staff('admin.skarpnack'),
    ]);
    expect(caseworker.unit).toBeTruthy();
    expect(lead.unit).toBe(caseworker.unit);
    versionId = (await publishVersion()).versionId;
  });

  it('saves drafts as the child goes, resumes on another device, submits once with free text encrypted', async () => {
    const inv = await invite(caseworker, versionId);
    expect(await child(inv, 'GET', '')).toMatchObject({ status: 200, body: { status: 'not-started', answers: [], position: null } });

    const first = await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'neutral')], position: 'home-why' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ savedAt: expect.any(String), safety: [] });
    const draft = await child(inv, 'PUT', '/draft', { answers: fullAnswers().slice(0, 7), position: 'school-words' });
    expect(draft.status).toBe(200);

    // Another device, same session scope: the draft and position come back, own text included.
    const resumed = await child(inv, 'GET', '');
    expect(resumed.body).toMatchObject({ status: 'draft', position: 'school-words', submittedAt: null });
    expect(resumed.body.answers).toHaveLength(7);
    expect(resumed.body.answers[6]).toEqual({ questionId: 'school-words', value: { kind: 'text', text: SECRET_TEXT }, wantsToTalk: false });
    expect(await outbox(inv.invitationId, 'ResponseStarted')).toHaveLength(1);

    const key = randomUUID();
    const sent = await submit(inv, fullAnswers(), key);
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ responseId: expect.any(String), submittedAt: expect.any(String), safetyRaised: false, safety: [] });

    // The same key again (a retry after a lost answer): the same result, nothing new.
    const again = await submit(inv, fullAnswers(), key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(sent.body);
    expect(await outbox(inv.invitationId, 'ResponseSubmitted')).toHaveLength(1);

    const after = await child(inv, 'GET', '');
    expect(after.body).toMatchObject({ status: 'submitted', submittedAt: sent.body.submittedAt, position: null });
    expect(JSON.stringify(after.body)).not.toContain(SECRET_TEXT);

    // Free text: ciphertext in the database, a marker in the event (in the outbox and on Kafka).
    const row = await withDb('responses', (db) => db.query('SELECT answers::text AS a, status FROM response WHERE invitation_id = $1', [inv.invitationId]));
    expect(row.rows[0].status).toBe('submitted');
    expect(row.rows[0].a).not.toContain(SECRET_TEXT);
    expect(row.rows[0].a).not.toContain('hemliga');
    expect(JSON.parse(row.rows[0].a)[6].value).toEqual({ kind: 'text', enc: { k: expect.any(String), iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) } });
    const onKafka = await kafkaEvents(TOPICS.response, inv.invitationId, (es) => es.some((e) => e.type === 'ResponseSubmitted'));
    const submitted = onKafka.filter((f) => f.event.type === 'ResponseSubmitted');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.raw).not.toContain(SECRET_TEXT);
    expect(submitted[0]!.event.data).toMatchObject({
      responseId: sent.body.responseId,
      invitationId: inv.invitationId,
      districtId: 'skarpnack',
      gender: 'girl',
      occasion: 1,
      questionnaireVersionId: versionId,
    });
    expect(submitted[0]!.event.data.answers).toContainEqual({ questionId: 'school-words', value: { kind: 'text-given' }, wantsToTalk: false });
    expect(Object.keys(submitted[0]!.event.data)).not.toEqual(expect.arrayContaining(['createdBy']));

    // Another key after submission: a clear conflict, and drafts are closed.
    const other = await submit(inv, fullAnswers());
    expect(other.status).toBe(409);
    expect(other.contentType).toContain('application/problem+json');
    expect(other.body.code).toBe('response-already-submitted');
    expect((await child(inv, 'PUT', '/draft', { answers: [] })).body.code).toBe('response-already-submitted');
    expect(await outbox(inv.invitationId, 'ResponseSubmitted')).toHaveLength(1);

    // The caseworker reads it: grouped by area, want-to-talk first, labels in Swedish and English, free text decrypted.
    const view = await api('GET', `/api/v1/invitations/${inv.invitationId}/response`, { token: caseworker.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ invitationId: inv.invitationId, status: 'submitted', occasion: 1, alerts: [] });
    expect(view.body.wantsToTalk.map((w: any) => w.questionId)).toEqual(['home-talk', 'school-like']);
    expect(view.body.areas.map((a: any) => a.id)).toEqual(['home', 'school', 'leisure']);
    const q = (id: string) => view.body.areas.flatMap((a: any) => a.questions).find((x: any) => x.questionId === id);
    expect(q('home-safe')).toMatchObject({
      text: { sv: 'Känner du dig trygg hemma?', en: 'Do you feel safe at home?' },
      answer: { kind: 'option', options: [{ id: 'neutral', label: { sv: 'Ibland', en: 'Sometimes' }, icon: 'face-neutral' }] },
      safety: false,
      trend: [],
    });
    expect(q('school-words').answer).toEqual({ kind: 'text', text: SECRET_TEXT });
    expect(q('leisure-words').answer).toEqual({ kind: 'declined' });
    expect(q('leisure-talk').answer).toBeNull();
    const conversation = await api('GET', `/api/v1/invitations/${inv.invitationId}/response?mode=conversation`, { token: lead.token });
    expect(conversation.status).toBe(200);
    const accessed = await outbox(inv.invitationId, 'ResponseAccessed');
    expect(accessed.map((e) => [e.data.action, e.data.actor])).toEqual([
      ['view', caseworker.sub],
      ['conversation', lead.sub],
    ]);
    expect(JSON.stringify(accessed)).not.toContain(SECRET_TEXT);

    // Never another district's caseworker, never a district admin.
    expect((await api('GET', `/api/v1/invitations/${inv.invitationId}/response`, { token: otherDistrict.token })).status).toBe(404);
    expect((await api('GET', `/api/v1/invitations/${inv.invitationId}/response`, { token: admin.token })).status).toBe(403);
    expect((await api('GET', `/api/v1/invitations/${inv.invitationId}/response?mode=print`, { token: caseworker.token })).body.errors).toEqual([
      { field: 'mode', reason: 'must be view or conversation' },
    ]);
  });

  it('a double submit with the same key at the same moment gives one response and one event', async () => {
    const inv = await invite(caseworker, versionId);
    const key = randomUUID();
    const [a, b] = await Promise.all([submit(inv, fullAnswers(), key), submit(inv, fullAnswers(), key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.responseId).toBe(b.body.responseId);
    expect(await outbox(inv.invitationId, 'ResponseSubmitted')).toHaveLength(1);
    const rows = await withDb('responses', (db) => db.query('SELECT count(*)::int AS n FROM response WHERE invitation_id = $1', [inv.invitationId]));
    expect(rows.rows[0].n).toBe(1);
  });

  it('five submits with different keys at once, with a draft racing them: one response, one ResponseStarted and one ResponseSubmitted, the others 409', async () => {
    const inv = await invite(caseworker, versionId);
    const results = await Promise.all([...Array.from({ length: 5 }, () => submit(inv, fullAnswers())), saveDraft(inv, [opt('home-safe', 'happy')])]);
    const submits = results.slice(0, 5).map((r) => r.status);
    expect(submits.filter((s) => s === 201)).toHaveLength(1);
    expect(submits.filter((s) => s === 409)).toHaveLength(4);
    expect(await outbox(inv.invitationId, 'ResponseSubmitted')).toHaveLength(1);
    expect(await outbox(inv.invitationId, 'ResponseStarted')).toHaveLength(1);
    const stored = await withDb('responses', (db) => db.query('SELECT status FROM response WHERE invitation_id = $1', [inv.invitationId]));
    expect(stored.rows).toEqual([{ status: 'submitted' }]);
  });

  it('refuses bad answers with 400 naming the field, and a submit without an Idempotency-Key', async () => {
    const inv = await invite(caseworker, versionId);
    const badOption = await submit(inv, [opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy'), opt('home-talk', 'x')]);
    expect(badOption.status).toBe(400);
    expect(badOption.body.code).toBe('VALIDATION_FAILED');
    expect(badOption.body.errors).toEqual([{ field: 'answers[3].value.kind', reason: 'must be flag or declined for a talk-flag question' }]);
    const unknownOption = await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'happy'), opt('school-like', 'ecstatic')] });
    expect(unknownOption.status).toBe(400);
    expect(unknownOption.body.errors).toEqual([{ field: 'answers[1].value.optionId', reason: 'ecstatic is not an option of school-like (options: sad, neutral, happy)' }]);
    const unknownQuestion = await child(inv, 'PUT', '/draft', { answers: [opt('garden', 'happy')] });
    expect(unknownQuestion.body.errors).toEqual([{ field: 'answers[0].questionId', reason: 'garden is not a question of this questionnaire' }]);

    const followUp = await submit(inv, [opt('home-safe', 'happy'), opt('home-why', 'family')]);
    expect(followUp.status).toBe(400);
    expect(followUp.body.errors).toEqual([
      { field: 'answers[1].questionId', reason: 'home-why is a follow-up question, asked only when home-safe is answered with sad or neutral' },
    ]);
    const declinedFollowUp = await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'happy'), { questionId: 'home-why', value: { kind: 'declined' } }] });
    expect(declinedFollowUp.status).toBe(200);

    const freeTextOff = await child(inv, 'PUT', '/draft', { answers: [{ questionId: 'leisure-words', value: { kind: 'text', text: 'fotboll' } }] });
    expect(freeTextOff.body.errors).toEqual([{ field: 'answers[0].value', reason: 'free text is turned off for leisure-words' }]);
    const badPosition = await child(inv, 'PUT', '/draft', { answers: [], position: 'nowhere' });
    expect(badPosition.body.errors).toEqual([{ field: 'position', reason: 'must be a question id of this questionnaire or null' }]);

    const noKey = await submit(inv, fullAnswers(), null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.stringContaining('is required') }]);
    expect(await outbox(inv.invitationId, 'ResponseSubmitted')).toHaveLength(0);
    // Nothing of it was a server error, and the child can still answer.
    expect((await submit(inv, fullAnswers())).status).toBe(201);
  });

  it('refuses writes after expiry and revocation (410) and for another version (409)', async () => {
    const expired = await invite(caseworker, versionId, { expiresAt: new Date(Date.now() - 1000) });
    const late = await submit(expired, fullAnswers());
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('invitation-expired');

    const expiring = await invite(caseworker, versionId);
    expect((await child(expiring, 'PUT', '/draft', { answers: [opt('home-safe', 'happy')] })).status).toBe(200);
    await publish(InvitationExpiredV1, { invitationId: expiring.invitationId, districtId: 'skarpnack', expiredAt: new Date().toISOString() }, expiring.invitationId);
    await waitFor(() => column(expiring.invitationId, 'expired_at'), 20_000, 'the expiry to reach responses');
    expect((await submit(expiring, fullAnswers())).status).toBe(410);
    expect((await child(expiring, 'PUT', '/draft', { answers: [] })).body.code).toBe('invitation-expired');

    const revoked = await invite(caseworker, versionId);
    await publish(InvitationRevokedV1, { invitationId: revoked.invitationId, districtId: 'skarpnack', revokedBy: caseworker.sub, revokedAt: new Date().toISOString() }, revoked.invitationId);
    await waitFor(() => column(revoked.invitationId, 'revoked_at'), 20_000, 'the revocation to reach responses');
    const refused = await submit(revoked, fullAnswers());
    expect(refused.status).toBe(410);
    expect(refused.body.code).toBe('invitation-revoked');

    const inv = await invite(caseworker, versionId);
    const otherVersion = await submit({ ...inv, questionnaireVersionId: randomUUID() }, fullAnswers());
    expect(otherVersion.status).toBe(409);
    expect(otherVersion.body.code).toBe('questionnaire-version-mismatch');
    const claimedOther = await submit(inv, fullAnswers(), randomUUID(), { questionnaireVersionId: randomUUID() });
    expect(claimedOther.body.code).toBe('questionnaire-version-mismatch');
    for (const i of [expired, expiring, revoked, inv]) expect(await outbox(i.invitationId, 'ResponseSubmitted')).toHaveLength(0);
  });

  it('an invitation whose questionnaire has not arrived yet is "not ready" (503) until it does', async () => {
    const laterVersion = randomUUID();
    const inv = await invite(caseworker, laterVersion);
    const early = await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'happy')] });
    expect(early.status).toBe(503);
    expect(early.body.code).toBe('response-not-ready');
    const unknownInvitation = await child({ ...inv, invitationId: randomUUID() }, 'GET', '');
    expect(unknownInvitation.status).toBe(503);

    // The version arrives (another topic, later): the same write now works.
    await publishVersion({ versionId: laterVersion, key: 'it-late', version: 2, marker: ' (2)' });
    expect((await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'happy')] })).status).toBe(200);
  });

  it('a safety answer alerts the caseworker and the unit lead at once (not another district), once, and is acknowledged', async () => {
    const inv = await invite(caseworker, versionId);
    const saved = await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'sad')] });
    expect(saved.status).toBe(200);
    expect(saved.body.safety).toEqual([{ questionId: 'home-safe', raisedNow: true }]);
    const savedAgain = await child(inv, 'PUT', '/draft', { answers: [opt('home-safe', 'sad'), opt('home-why', 'family')] });
    expect(savedAgain.body.safety).toEqual([{ questionId: 'home-safe', raisedNow: false }]);

    const mine = async (s: Staff) => ((await api('GET', '/api/v1/alerts', { token: s.token })).body.items as any[]).filter((a) => a.invitationId === inv.invitationId);
    const [forCaseworker] = await mine(caseworker);
    expect(forCaseworker).toMatchObject({
      questionId: 'home-safe',
      question: { sv: 'Känner du dig trygg hemma?', en: 'Do you feel safe at home?' },
      caseworker: caseworker.sub,
      acknowledgedAt: null,
      escalated: false,
    });
    expect(await mine(lead)).toHaveLength(1);
    expect(await mine(otherDistrict)).toEqual([]);
    const forAdmin = await api('GET', '/api/v1/alerts', { token: admin.token });
    expect(forAdmin.body).toEqual({ items: [], unacknowledged: 0 });
    const open = await api('GET', '/api/v1/alerts?status=open', { token: caseworker.token });
    expect(open.body.unacknowledged).toBeGreaterThanOrEqual(1);

    // Submitting with the same safety answer raises nothing new; the child is told an adult will get in touch.
    const sent = await submit(inv, [opt('home-safe', 'sad'), opt('home-why', 'family'), opt('home-hurt', 'yes')]);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ safetyRaised: true, safety: [{ questionId: 'home-safe' }, { questionId: 'home-hurt' }] });
    const raised = await outbox(forCaseworker.id, 'SafetyAlertRaised');
    expect(raised).toHaveLength(1);
    expect(raised[0].data).toMatchObject({ invitationId: inv.invitationId, districtId: 'skarpnack', unitId: caseworker.unit, caseworker: caseworker.sub, questionId: 'home-safe' });
    expect(await mine(caseworker)).toHaveLength(2);

    // Another district cannot acknowledge (it does not exist for them); the caseworker can, once.
    expect((await api('POST', `/api/v1/alerts/${forCaseworker.id}/acknowledge`, { token: otherDistrict.token })).status).toBe(404);
    const ack = await api('POST', `/api/v1/alerts/${forCaseworker.id}/acknowledge`, { token: caseworker.token });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: forCaseworker.id, acknowledgedBy: caseworker.sub, acknowledgedAt: expect.any(String) });
    const ackByLead = await api('POST', `/api/v1/alerts/${forCaseworker.id}/acknowledge`, { token: lead.token });
    expect(ackByLead.body).toMatchObject({ acknowledgedBy: caseworker.sub, acknowledgedAt: ack.body.acknowledgedAt });
    expect(await outbox(forCaseworker.id, 'SafetyAlertAcknowledged')).toHaveLength(1);
    expect((await api('POST', '/api/v1/alerts/not-an-id/acknowledge', { token: caseworker.token })).status).toBe(400);

    // The answer view lists the alerts first and marks the safety answers.
    const view = await api('GET', `/api/v1/invitations/${inv.invitationId}/response`, { token: lead.token });
    expect(view.body.alerts.map((a: any) => [a.questionId, Boolean(a.acknowledgedAt)])).toEqual([
      ['home-safe', true],
      ['home-hurt', false],
    ]);
    expect(view.body.areas[0].questions.filter((q: any) => q.safety).map((q: any) => q.questionId)).toEqual(['home-safe', 'home-hurt']);
  });

  it("shows each question's trend over the same child's earlier occasions", async () => {
    const childRef = createHash('sha256').update(`child-${randomUUID()}`).digest('hex');
    const first = await invite(caseworker, versionId, { childRef, occasion: 1 });
    expect((await submit(first, [opt('home-safe', 'neutral'), opt('home-hurt', 'no')])).status).toBe(201);
    const second = await invite(caseworker, versionId, { childRef, occasion: 2 });
    expect((await submit(second, [opt('home-safe', 'happy'), opt('home-hurt', 'no')])).status).toBe(201);
    const view = await api('GET', `/api/v1/invitations/${second.invitationId}/response`, { token: caseworker.token });
    const homeSafe = view.body.areas[0].questions[0];
    expect(homeSafe.answer.options[0].id).toBe('happy');
    expect(homeSafe.trend).toEqual([{ occasion: 1, submittedAt: expect.any(String), answer: { kind: 'option', options: [expect.objectContaining({ id: 'neutral' })] } }]);
    // Another child's earlier occasion is not part of it.
    const stranger = await invite(caseworker, versionId, { occasion: 1 });
    expect((await submit(stranger, [opt('home-safe', 'sad')])).status).toBe(201);
    const again = await api('GET', `/api/v1/invitations/${second.invitationId}/response`, { token: caseworker.token });
    expect(again.body.areas[0].questions[0].trend).toHaveLength(1);
  });

  describe('escalation', () => {
    const port = 6650;
    let replica: ChildProcess;

    beforeAll(async () => {
      // A second replica of responses (same database, Kafka and consumer group) with a short escalation time.
      replica = spawn('node', [join(REPO_ROOT, 'dist', 'services', 'responses', 'main.js')], {
        env: {
          PATH: process.env['PATH'] ?? '',
          NODE_ENV: 'test',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/delaktig_responses${testEnv['DB_SUFFIX'] ?? ''}`,
          KAFKA_BROKERS: testEnv['KAFKA_BROKERS'] as string,
          KAFKA_TOPIC_PREFIX: TOPIC_PREFIX,
          INTERNAL_TOKEN_SECRET: testEnv['INTERNAL_TOKEN_SECRET'] as string,
          ALERT_ESCALATION_MINUTES: '0.05',
          ALERT_ESCALATION_CHECK_SECONDS: '1',
        },
        stdio: 'ignore',
      });
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok || undefined, 60_000, 'the responses replica');
    });
    afterAll(() => {
      replica?.kill('SIGTERM');
    });

    it('escalates an alert nobody acknowledged in time to the unit lead, marked as such', async () => {
      const inv = await invite(caseworker, versionId);
      const saved = await child(inv, 'PUT', '/draft', { answers: [opt('home-hurt', 'yes')] });
      expect(saved.body.safety).toEqual([{ questionId: 'home-hurt', raisedNow: true }]);
      const forLead = await waitFor(
        async () => ((await api('GET', '/api/v1/alerts', { token: lead.token })).body.items as any[]).find((a) => a.invitationId === inv.invitationId && a.escalated),
        30_000,
        'the alert to be escalated',
      );
      expect(forLead).toMatchObject({ questionId: 'home-hurt', escalated: true, escalatedAt: expect.any(String), acknowledgedAt: null });
      const escalated = await outbox(forLead.id, 'SafetyAlertEscalated');
      expect(escalated).toHaveLength(1);
      expect(escalated[0].data).toMatchObject({ invitationId: inv.invitationId, districtId: 'skarpnack', unitId: lead.unit });
      // Acknowledging later still records who and when.
      const ack = await api('POST', `/api/v1/alerts/${forLead.id}/acknowledge`, { token: lead.token });
      expect(ack.body).toMatchObject({ acknowledgedBy: lead.sub, escalated: true });
    });
  });
});
