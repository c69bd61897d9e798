import { createHash, randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { TOPICS } from '@delaktig/contracts';
import { api, waitFor, withDb } from './support/api';
import { asChild, invite as inviteChild, opt, publishVersion as publishTestVersion, type Inv, type Staff, staff } from './support/responses';
import { GATEWAY, TOPIC_PREFIX } from './support/env';
import { kafka } from './support/kafka';

/**
 * Casework (issue 5 items 9–10): the caseworker reads a child's answers (trend against an
 * earlier occasion), exports them as PDF (Swedish; text checked) and JSON, gives feedback;
 * the child reads it and rates how involved they felt. Every read and export is a
 * ResponseAccessed event and an audit entry; another district sees nothing. Versions and
 * invitations arrive as real Kafka events; the child calls responses with a
 * gateway-signed child identity (as the gateway's child routes do).
 */
const invite = (by: Staff, versionId: string, opts: Parameters<typeof inviteChild>[2] = {}) => inviteChild(by, versionId, { gender: 'boy', ...opts });
const publishVersion = () => publishTestVersion({ version: 3, key: `it-cw-${randomUUID().slice(0, 8)}` });

const submit = (inv: Inv, answers: unknown[]) => asChild(inv, 'POST', '/response/submit', { answers }, { 'idempotency-key': randomUUID() });

async function outbox(key: string, type: string): Promise<any[]> {
  return withDb('responses', async (db) => (await db.query(`SELECT payload FROM outbox_event WHERE key = $1 AND type = $2 ORDER BY seq`, [key, type])).rows.map((r) => r.payload));
}

/** Binary GET through the gateway (the PDF). */
async function getBytes(path: string, token: string) {
  const res = await fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const CP1252: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('');

/**
 * The text of a PDF written by pdfkit with a standard font: every content stream is
 * inflated and the hex strings of its TJ operators are decoded (WinAnsi = windows-1252).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      content = m[1] ?? '';
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push(winAnsi(Buffer.from(hex, 'hex')));
    }
  }
  return lines.join('\n');
}

describe('casework: answers, export, feedback and involvement', () => {
  let caseworker: Staff;
  let lead: Staff;
  let otherDistrict: Staff;
  let admin: Staff;
  let version: { versionId: string; key: string };
  let earlier: Inv;
  let current: Inv;

  beforeAll(async () => {
    [caseworker, lead, otherDistrict, admin] = await Promise.all([
      staff('handlaggare.skarpnack'),
      staff('enhetschef.skarpnack'),
      staff('handlaggare.norrmalm'),
      staff('admin.skarpnack'),
    ]);
    version = await publishVersion();
    // The same child twice: occasion 1 felt safe at home, occasion 2 does not and wants to talk about school.
    const childRef = createHash('sha256').update(`cw-child-${randomUUID()}`).digest('hex');
    earlier = await invite(caseworker, version.versionId, { childRef, occasion: 1 });
    expect((await submit(earlier, [opt('home-safe', 'happy'), opt('home-hurt', 'no'), opt('school-like', 'happy')])).status).toBe(201);
    current = await invite(caseworker, version.versionId, { childRef, occasion: 2 });
    const sent = await submit(current, [opt('home-safe', 'sad'), opt('home-why', 'family'), opt('home-hurt', 'no'), opt('school-like', 'sad', true)]);
    expect(sent.status).toBe(201);
    expect(sent.body.safetyRaised).toBe(true);
  });

  it('the answer view shows the alert, "vill prata" and the trend against the earlier occasion', async () => {
    const view = await api('GET', `/api/v1/invitations/${current.invitationId}/response`, { token: caseworker.token });
    expect(view.status).toBe(200);
    expect(view.body.alerts.map((a: any) => a.questionId)).toEqual(['home-safe']);
    expect(view.body.wantsToTalk.map((w: any) => w.questionId)).toEqual(['school-like']);
    const homeSafe = view.body.areas[0].questions.find((q: any) => q.questionId === 'home-safe');
    expect(homeSafe.safety).toBe(true);
    expect(homeSafe.trend).toEqual([{ occasion: 1, submittedAt: expect.any(String), answer: { kind: 'option', options: [expect.objectContaining({ id: 'happy' })] } }]);
  });

  it('exports JSON with the answer view, questionnaire version, dates and exporter', async () => {
    const res = await api('GET', `/api/v1/invitations/${current.invitationId}/response/export?format=json`, { token: caseworker.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="delaktig-svar-${current.invitationId.slice(0, 8)}-tillfalle-2.json"`);
    expect(res.body).toMatchObject({
      kind: 'delaktig.response-export',
      formatVersion: 1,
      invitation: { id: current.invitationId, occasion: 2, createdAt: expect.any(String) },
      questionnaire: { versionId: version.versionId, key: version.key, version: 3 },
      submittedAt: expect.any(String),
      exportedAt: expect.any(String),
      exportedBy: { ref: caseworker.sub, name: caseworker.name },
      response: { invitationId: current.invitationId, status: 'submitted' },
    });
    expect(res.body.response.alerts[0].questionId).toBe('home-safe');
  });

  it('exports a Swedish PDF whose text has the headings, the version, the trend and who exported', async () => {
    const res = await getBytes(`/api/v1/invitations/${current.invitationId}/response/export?format=pdf`, lead.token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.disposition).toContain('.pdf"');
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.bytes);
    for (const expected of [
      'Barnets svar',
      'Säkerhetslarm',
      'Barnet vill prata om',
      'Svar per område',
      'Hemma',
      'Känner du dig trygg hemma?',
      `${version.key}, version 3`,
      current.invitationId,
      'Exporterad av',
      lead.name ?? lead.sub,
      'Tidigare: tillfälle 1',
    ]) {
      expect(text).toContain(expected);
    }
    // Nothing of the other occasion's invitation id; the child's case reference is not known here.
    expect(text).not.toContain(earlier.invitationId);
  });

  it('every view and export is a ResponseAccessed event and an audit entry', async () => {
    const inv = current.invitationId;
    await api('GET', `/api/v1/invitations/${inv}/response?mode=conversation`, { token: caseworker.token });
    const accessed = await waitFor(
      async () => {
        const events = await outbox(inv, 'ResponseAccessed');
        const actions = new Set(events.map((e) => e.data.action));
        return ['view', 'conversation', 'export-json', 'export-pdf'].every((a) => actions.has(a)) ? events : undefined;
      },
      10_000,
      'ResponseAccessed for view, conversation and both exports',
    );
    const pdf = accessed.find((e) => e.data.action === 'export-pdf');
    // ResponseAccessed v2: the reader's role and unit too (the log review's flags use them), never a name.
    expect(pdf.data).toEqual({ invitationId: inv, districtId: 'skarpnack', actor: lead.sub, action: 'export-pdf', at: expect.any(String), actorRole: 'unit-lead', actorUnitId: lead.unit });
    expect(JSON.stringify(accessed)).not.toContain(lead.name ?? '\u0000');

    const audited = await waitFor(
      () =>
        withDb('audit', async (db) => {
          const rows = (await db.query(`SELECT action, actor FROM audit_entry WHERE object_id = $1 AND action LIKE 'response.%'`, [inv])).rows;
          const actions = new Set(rows.map((r) => r.action));
          return ['response.view', 'response.conversation', 'response.export-json', 'response.export-pdf'].every((a) => actions.has(a)) ? rows : undefined;
        }),
      30_000,
      'audit entries of the views and exports',
    );
    expect(audited).toContainEqual({ action: 'response.export-pdf', actor: lead.sub });
  });

  it('the trend records the earlier occasion it shows as read too (audit: who has read this child)', async () => {
    const before = (await outbox(earlier.invitationId, 'ResponseAccessed')).length;
    const view = await api('GET', `/api/v1/invitations/${current.invitationId}/response`, { token: caseworker.token });
    expect(view.status).toBe(200);
    const recorded = await waitFor(
      async () => {
        const events = await outbox(earlier.invitationId, 'ResponseAccessed');
        return events.length > before ? events : undefined;
      },
      10_000,
      'ResponseAccessed for the earlier occasion shown in the trend',
    );
    expect(recorded[recorded.length - 1].data).toMatchObject({ invitationId: earlier.invitationId, actor: caseworker.sub, action: 'view' });
    const audited = await waitFor(
      () =>
        withDb('audit', async (db) =>
          (await db.query(`SELECT 1 FROM audit_entry WHERE object_id = $1 AND action = 'response.view' AND actor = $2`, [earlier.invitationId, caseworker.sub])).rowCount ? true : undefined,
        ),
      30_000,
      'the audit entry of the earlier occasion',
    );
    expect(audited).toBe(true);
  });

  it('another district, another role or a bad format gets nothing', async () => {
    const inv = current.invitationId;
    expect((await api('GET', `/api/v1/invitations/${inv}/response`, { token: otherDistrict.token })).status).toBe(404);
    expect((await getBytes(`/api/v1/invitations/${inv}/response/export?format=pdf`, otherDistrict.token)).status).toBe(404);
    expect((await api('GET', `/api/v1/invitations/${inv}/response/export?format=json`, { token: otherDistrict.token })).status).toBe(404);
    const feedback = await api('POST', `/api/v1/invitations/${inv}/feedback`, { token: otherDistrict.token, body: { text: 'Hej' } });
    expect(feedback.status).toBe(404);
    expect((await api('GET', `/api/v1/invitations/${inv}/feedback`, { token: otherDistrict.token })).status).toBe(404);
    expect((await api('GET', `/api/v1/invitations/${inv}/response/export?format=pdf`, { token: admin.token })).status).toBe(403);
    expect((await api('POST', `/api/v1/invitations/${inv}/feedback`, { token: admin.token, body: { text: 'Hej' } })).status).toBe(403);
    const badFormat = await api('GET', `/api/v1/invitations/${inv}/response/export?format=docx`, { token: caseworker.token });
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.errors).toEqual([{ field: 'format', reason: 'must be one of pdf, json' }]);
    expect((await api('GET', `/api/v1/invitations/not-a-uuid/response/export?format=pdf`, { token: caseworker.token })).status).toBe(400);
    // Nothing was recorded as accessed by the other district's caseworker.
    expect((await outbox(inv, 'ResponseAccessed')).filter((e) => e.data.actor === otherDistrict.sub)).toEqual([]);
  });

  it('feedback: templates, validation, FeedbackGiven; the child reads it and rates once → InvolvementRated', async () => {
    const templates = await api('GET', '/api/v1/feedback-templates', { token: caseworker.token });
    expect(templates.status).toBe(200);
    expect(templates.body.items[0]).toMatchObject({ key: 'what-it-led-to', label: { sv: 'Det du berättade gjorde att…' } });

    // Before any feedback the child has nothing to read or rate.
    const none = await asChild(current, 'GET', '/feedback');
    expect({ status: none.status, body: none.body }).toEqual({ status: 200, body: { items: [], rating: null } });
    expect((await asChild(current, 'POST', '/feedback/rating', { rating: '4' })).status).toBe(409);

    const tooLong = await api('POST', `/api/v1/invitations/${current.invitationId}/feedback`, { token: caseworker.token, body: { text: 'x'.repeat(2001) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'text', reason: 'may be at most 2000 characters' }]);
    const empty = await api('POST', `/api/v1/invitations/${current.invitationId}/feedback`, { token: caseworker.token, body: { text: '   ' } });
    expect(empty.body.errors).toEqual([{ field: 'text', reason: 'is required' }]);
    const unknownTemplate = await api('POST', `/api/v1/invitations/${current.invitationId}/feedback`, {
      token: caseworker.token,
      body: { text: 'Hej', templateKey: 'nope' },
    });
    expect(unknownTemplate.status).toBe(400);
    expect(unknownTemplate.body.errors[0].field).toBe('templateKey');

    const words = `Tack för att du svarade. Det du berättade gjorde att vi ordnar en trygg plats ${randomUUID().slice(0, 6)}.`;
    const given = await api('POST', `/api/v1/invitations/${current.invitationId}/feedback`, {
      token: caseworker.token,
      body: { text: words, templateKey: 'what-it-led-to' },
    });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ id: expect.any(String), invitationId: current.invitationId, text: words, templateKey: 'what-it-led-to', givenBy: caseworker.sub });

    // Stored sealed; the event has no text and reaches Kafka.
    const stored = await withDb('responses', (db) => db.query('SELECT text_enc::text AS t FROM feedback WHERE id = $1', [given.body.id]));
    expect(stored.rows[0].t).not.toContain('trygg plats');
    const [event] = await outbox(current.invitationId, 'FeedbackGiven');
    expect(event.data).toEqual({ feedbackId: given.body.id, invitationId: current.invitationId, districtId: 'skarpnack', givenBy: caseworker.sub, givenAt: given.body.givenAt });
    expect(JSON.stringify(event)).not.toContain('trygg plats');
    await waitFor(
      () => withDb('audit', async (db) => (await db.query(`SELECT 1 FROM audit_entry WHERE object_id = $1 AND action = 'feedback.given'`, [current.invitationId])).rowCount === 1 || undefined),
      30_000,
      'the feedback audit entry',
    );

    // The unit lead sees it too.
    expect((await api('GET', `/api/v1/invitations/${current.invitationId}/feedback`, { token: lead.token })).body).toMatchObject({ items: [{ text: words }], rating: null });

    // The child reads it, rates 1–5 or "don't know", once.
    const read = await asChild(current, 'GET', '/feedback');
    expect({ status: read.status, body: read.body }).toEqual({ status: 200, body: { items: [{ id: given.body.id, text: words, givenAt: given.body.givenAt }], rating: null } });
    const bad = await asChild(current, 'POST', '/feedback/rating', { rating: '6' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('rating');
    const rated = await asChild(current, 'POST', '/feedback/rating', { rating: '4' });
    expect({ status: rated.status, body: rated.body }).toEqual({ status: 201, body: { rating: '4', ratedAt: expect.any(String) } });
    const again = await asChild(current, 'POST', '/feedback/rating', { rating: 'dont-know' });
    expect(again.status).toBe(409);
    expect((await asChild(current, 'GET', '/feedback')).body.rating).toBe('4');
    expect((await api('GET', `/api/v1/invitations/${current.invitationId}/feedback`, { token: caseworker.token })).body.rating).toBe('4');

    const ratings = await outbox(current.invitationId, 'InvolvementRated');
    expect(ratings).toHaveLength(1);
    expect(ratings[0].data).toEqual({ invitationId: current.invitationId, districtId: 'skarpnack', ageBand: '6-11', gender: 'boy', rating: '4', ratedAt: rated.body.ratedAt });
    // On Kafka, for statistics.
    const consumer = kafka.consumer({ groupId: `it-casework-${randomUUID()}` });
    const seen: any[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${TOPIC_PREFIX}${TOPICS.feedback}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === current.invitationId) seen.push(JSON.parse(message.value?.toString() ?? '{}'));
      },
    });
    try {
      await waitFor(async () => (seen.some((e) => e.type === 'InvolvementRated') && seen.some((e) => e.type === 'FeedbackGiven')) || undefined, 30_000, 'feedback events on Kafka');
    } finally {
      await consumer.disconnect();
    }
  });

  it('feedback waits for submitted answers (409)', async () => {
    const notYet = await invite(caseworker, version.versionId);
    const res = await api('POST', `/api/v1/invitations/${notYet.invitationId}/feedback`, { token: caseworker.token, body: { text: 'Hej' } });
    expect(res.status).toBe(409);
    expect((await api('GET', `/api/v1/invitations/${notYet.invitationId}/response/export?format=json`, { token: caseworker.token })).status).toBe(409);
  });
});
