import { api, caseRef, tokenFor, validInvitation, waitFor, withDb } from './support/api';
import { testEnv } from './support/env';
import { mailTo, smsTo } from './child-access.support';

/**
 * Invitations end to end (issue 4): the caseworker creates one through the gateway (identity
 * issues link token + code, survey-delivery stores and sends), the message reaches the SMS
 * simulator (46elks API) or maildev (real SMTP) exactly once with a link that opens a child
 * session with the code; failures, resend, extend, revoke and expiry show in status and events.
 */
const SMS = `http://127.0.0.1:${testEnv['SMS_SIM_PORT'] ?? 4250}`;
const year = new Date().getUTCFullYear();
let phoneSeq = Math.floor(Math.random() * 900_000) + 100_000;
/** A fresh mobile number (never ending in the simulator's failure suffixes 0000–0002). */
const phone = () => `+46709${String(phoneSeq++).padStart(6, '0')}`.replace(/000[0-2]$/, '1234');

const linkIn = (text: string) => /(https?:\/\/\S+\/#\/i\/([A-Za-z0-9_-]+))/.exec(text);
async function events(invitationId: string): Promise<{ type: string; data: any }[]> {
  const { rows } = await withDb('survey-delivery', (db) =>
    db.query<{ payload: { type: string; data: any } }>('SELECT payload FROM outbox_event WHERE key = $1 ORDER BY seq', [invitationId]),
  );
  return rows.map((r) => r.payload);
}
async function status(token: string, id: string): Promise<string> {
  return (await api('GET', `/api/v1/invitations/${id}`, { token })).body.status;
}

/** Each child session attempt from its own address: the gateway limits attempts per IP (ADR 0009). */
let ipSeq = 0;
const childIp = () => `10.77.${Math.floor(++ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;

describe('invitations: creation, delivery by SMS and e-mail, status and events', () => {
  let caseworker: string;
  let otherCaseworker: string;
  let norrmalm: string;

  beforeAll(async () => {
    [caseworker, otherCaseworker, norrmalm] = await Promise.all([
      tokenFor('handlaggare.skarpnack'),
      tokenFor('handlaggare2.skarpnack').catch(() => ''),
      tokenFor('handlaggare.norrmalm'),
    ]);
  });

  async function count(): Promise<{ inv: number; del: number }> {
    return withDb('survey-delivery', async (db) => ({
      inv: (await db.query('SELECT count(*)::int AS n FROM invitation')).rows[0].n,
      del: (await db.query('SELECT count(*)::int AS n FROM delivery')).rows[0].n,
    }));
  }

  it.each([
    ['an expiry in the past', { expiresAt: new Date(Date.now() - 3_600_000).toISOString() }, 'expiresAt', 'must be in the future'],
    ['an expiry beyond 90 days', { expiresAt: new Date(Date.now() + 91 * 86_400_000).toISOString() }, 'expiresAt', 'may be at most 90 days from now'],
    ['an age band that does not match the birth year', { birthYear: year - 16, ageBand: '6-11' }, 'ageBand', `does not match birth year ${year - 16}`],
    ['a malformed phone number', { channel: 'sms', phone: '12345' }, 'phone', 'must be a Swedish mobile number such as 070-123 45 67'],
    ['a missing phone number for SMS', { channel: 'sms', phone: undefined }, 'phone', 'is required for SMS'],
    ['a malformed e-mail address', { channel: 'email', email: 'not-an-address' }, 'email', 'must be an e-mail address such as namn@example.se'],
    ['an oversized case reference', { caseReference: 'A'.repeat(41) }, 'caseReference', 'may be at most 40 characters'],
    ['an oversized e-mail address', { channel: 'email', email: `${'a'.repeat(250)}@x.se` }, 'email', 'may be at most 254 characters'],
    ['an unknown gender', { gender: 'unknown' }, 'gender', 'must be one of girl, boy, other, not-stated'],
    ['an unknown language', { language: 'de' }, 'language', 'must be one of sv, en, ar, so, fa, ti, fi'],
    ['a meeting date in the past', { meetingDate: '2020-01-01' }, 'meetingDate', 'may not be in the past'],
  ])('refuses %s with 400 naming the field, and creates nothing', async (_what, override, field, reason) => {
    const before = await count();
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation(override) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.errors).toContainEqual({ field, reason });
    expect(await count()).toEqual(before);
  });

  it('refuses an unknown or draft questionnaire version with 400 naming questionnaireVersionId, and creates nothing', async () => {
    const before = await count();
    const unknown = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ questionnaireVersionId: '00000000-0000-4000-8000-000000000000' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual({ field: 'questionnaireVersionId', reason: 'is not a known questionnaire version' });
    const draftId = await withDb('survey-delivery', async (db) => {
      const t = (await db.query(`SELECT id FROM questionnaire_template WHERE key = 'default-6-11'`)).rows[0].id;
      const existing = (await db.query(`SELECT id FROM questionnaire_version WHERE template_id = $1 AND status = 'draft'`, [t])).rows[0];
      if (existing) return existing.id as string;
      const v = (await db.query(`SELECT content, content_sha256 FROM questionnaire_version WHERE template_id = $1 ORDER BY version DESC LIMIT 1`, [t])).rows[0];
      const id = crypto.randomUUID();
      await db.query(
        `INSERT INTO questionnaire_version (id, template_id, version, status, content, content_sha256, created_by)
         VALUES ($1, $2, (SELECT max(version) + 1 FROM questionnaire_version WHERE template_id = $2), 'draft', $3, $4, 'test')`,
        [id, t, v.content, v.content_sha256],
      );
      return id;
    });
    const draft = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ questionnaireVersionId: draftId }) });
    expect(draft.status).toBe(400);
    expect(draft.body.errors).toContainEqual({ field: 'questionnaireVersionId', reason: 'is a draft; only published versions can be sent' });
    expect(await count()).toEqual(before);
  });

  it('sends an SMS exactly once with a working link, shows the code once, and moves to sent', async () => {
    const to = phone();
    const started = Date.now();
    const r = await api('POST', '/api/v1/invitations', {
      token: caseworker,
      body: validInvitation({ channel: 'sms', phone: to.replace('+46', '0'), discreet: false, gender: 'girl', meetingDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) }),
    });
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^\S{4,}$/);
    const inv = r.body.invitation;
    expect(inv).toMatchObject({ status: 'created', channel: 'sms', language: 'sv', discreet: false, gender: 'girl', occasion: 1, contactHint: expect.stringMatching(/^070-••• •• \d\d$/) });
    expect(JSON.stringify(inv)).not.toContain(to.slice(3));

    const [sms] = await waitFor(async () => ((await smsTo(to)).length ? smsTo(to) : undefined), 15_000, 'the SMS');
    const ms = Date.now() - started;
    expect(sms.from).toBe('Stockholm');
    expect(sms.message).toMatch(/socialsekreterare/);
    const link = linkIn(sms.message);
    expect(link).not.toBeNull();
    expect(link![1].startsWith(testEnv['CHILD_APP_URL'] ?? `http://localhost:${testEnv['CHILD_PORT']}`)).toBe(true);
    const session = await waitFor(
      async () => {
        const s = await api('POST', '/api/v1/child/session', { body: { token: link![2], code: r.body.code }, headers: { 'x-forwarded-for': childIp() } });
        return s.status === 201 ? s : undefined;
      },
      10_000,
      'a child session with the link and code',
    );
    expect(session.body.invitation).toMatchObject({ ageBand: '6-11', language: 'sv' });

    await waitFor(async () => (await status(caseworker, inv.id)) !== 'created', 10_000, 'status after sending');
    expect(['sent', 'opened']).toContain(await status(caseworker, inv.id));
    await waitFor(async () => (await api('GET', `/api/v1/invitations/${inv.id}`, { token: caseworker })).body.deliveries?.[0]?.state === 'delivered', 10_000, 'the delivery report');
    await new Promise((res) => setTimeout(res, 1500));
    expect(await smsTo(to)).toHaveLength(1);
    const types = (await events(inv.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'InvitationCreated')).toHaveLength(1);
    expect(types.filter((t) => t === 'InvitationSent')).toHaveLength(1);
    const created = (await events(inv.id)).find((e) => e.type === 'InvitationCreated')!;
    expect(created).toMatchObject({ version: 2, data: { channel: 'sms', gender: 'girl', occasion: 1, childRef: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(JSON.stringify(created)).not.toContain(inv.caseReference);
    process.stdout.write(`SMS in the simulator ${ms} ms after the request\n`);
  });

  it('sends an e-mail through SMTP to maildev exactly once, discreet by default with a neutral sender', async () => {
    const to = `barn-${Date.now()}@example.se`;
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ channel: 'email', email: to, language: 'en' }) });
    expect(r.status).toBe(201);
    const [mail] = await waitFor(async () => ((await mailTo(to)).length ? mailTo(to) : undefined), 15_000, 'the e-mail');
    expect(mail.from[0]).toMatchObject({ name: 'Info' });
    expect(mail.subject).toBe('The link we talked about');
    expect(`${mail.subject} ${mail.text}`).not.toMatch(/social/i);
    const link = linkIn(mail.text);
    expect(link).not.toBeNull();
    expect(mail.html).toContain(`href="${link![1]}"`);
    const s = await api('POST', '/api/v1/child/session', { body: { token: link![2], code: r.body.code }, headers: { 'x-forwarded-for': childIp() } });
    expect(s.status).toBe(201);
    await waitFor(async () => ['sent', 'opened'].includes(await status(caseworker, r.body.invitation.id)), 10_000, 'status sent');
    await new Promise((res) => setTimeout(res, 1000));
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('numbers follow-up occasions per child in the district', async () => {
    const caseReference = caseRef('OCC');
    const a = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ caseReference, phone: phone() }) });
    const b = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ caseReference: caseReference.toLowerCase(), phone: phone() }) });
    expect([a.body.invitation.occasion, b.body.invitation.occasion]).toEqual([1, 2]);
  });

  it('reports an undelivered SMS: InvitationDeliveryFailed (final) and status delivery-failed; resend sends again', async () => {
    const to = '+46701230000';
    await fetch(`${SMS}/sim/fail`, { method: 'POST', body: JSON.stringify({ to, mode: 'undelivered', times: 1 }) });
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ phone: to }) });
    expect(r.status).toBe(201);
    const id = r.body.invitation.id;
    await waitFor(async () => (await status(caseworker, id)) === 'delivery-failed', 15_000, 'status delivery-failed');
    const failed = (await events(id)).filter((e) => e.type === 'InvitationDeliveryFailed');
    expect(failed).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason: 'undelivered', final: true, channel: 'sms', purpose: 'invitation' }) })]);

    const re = await api('POST', `/api/v1/invitations/${id}/resend`, { token: caseworker });
    expect(re.status).toBe(200);
    await waitFor(async () => (await status(caseworker, id)) === 'sent', 15_000, 'status sent after resend');
    expect((await events(id)).filter((e) => e.type === 'InvitationSent').map((e) => e.data.purpose)).toEqual(['invitation', 'resend']); // handed over, then reported undelivered; the resend went out
  });

  it('retries a provider that is temporarily unavailable, with backoff, and sends once', async () => {
    const to = phone();
    await fetch(`${SMS}/sim/fail`, { method: 'POST', body: JSON.stringify({ to, mode: 'unavailable', times: 2 }) });
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ phone: to }) });
    await waitFor(async () => (await smsTo(to)).length === 1, 20_000, 'the SMS after retries');
    const evs = await events(r.body.invitation.id);
    expect(evs.filter((e) => e.type === 'InvitationDeliveryFailed').map((e) => [e.data.attempt, e.data.final])).toEqual([
      [1, false],
      [2, false],
    ]);
    await waitFor(async () => (await events(r.body.invitation.id)).some((e) => e.type === 'InvitationSent' && e.data.attempt === 3), 5_000, 'sent on attempt 3');
  });

  it('refuses an invalid recipient at once (no retries)', async () => {
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ phone: '+46701230001' }) });
    await waitFor(async () => (await status(caseworker, r.body.invitation.id)) === 'delivery-failed', 15_000, 'delivery-failed');
    const failed = (await events(r.body.invitation.id)).filter((e) => e.type === 'InvitationDeliveryFailed');
    expect(failed.map((e) => [e.data.reason, e.data.final])).toEqual([['invalid-recipient', true]]);
  });

  it('shows the caseworker an invitation locked by five wrong codes, and unlocking lets the right code in', async () => {
    const to = phone();
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ phone: to.replace('+46', '0') }) });
    expect(r.status).toBe(201);
    const id = r.body.invitation.id as string;
    expect(r.body.invitation.lockedAt).toBeNull();
    const [sms] = await waitFor(async () => ((await smsTo(to)).length ? smsTo(to) : undefined), 15_000, 'the SMS');
    const token = linkIn(sms.message)![2];
    const wrong = (r.body.code as string).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const ip = childIp();
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push((await api('POST', '/api/v1/child/session', { body: { token, code: wrong }, headers: { 'x-forwarded-for': ip } })).status);
    expect(tries).toEqual([401, 401, 401, 401, 423]);
    expect((await api('POST', '/api/v1/child/session', { body: { token, code: r.body.code }, headers: { 'x-forwarded-for': childIp() } })).status).toBe(423);

    // The list shows it locked (from identity's ChildAccessLocked) …
    const locked = await waitFor(async () => {
      const list = await api('GET', `/api/v1/invitations?q=${encodeURIComponent(r.body.invitation.caseReference)}`, { token: caseworker });
      return list.body.items.find((i: { id: string; lockedAt: string | null }) => i.id === id && i.lockedAt);
    }, 30_000, 'the locked mark in the list');
    expect(Date.parse(locked.lockedAt)).toBeGreaterThan(Date.now() - 60_000);

    // … the caseworker unlocks; the right code works again and the mark goes away.
    expect((await api('POST', `/api/v1/invitations/${id}/unlock`, { token: caseworker })).status).toBeLessThan(300);
    expect((await api('POST', '/api/v1/child/session', { body: { token, code: r.body.code }, headers: { 'x-forwarded-for': childIp() } })).status).toBe(201);
    await waitFor(async () => (await api('GET', `/api/v1/invitations/${id}`, { token: caseworker })).body.lockedAt === null || undefined, 30_000, 'the lock mark cleared');
  });

  it('extends and revokes with events; a revoked link no longer opens; contact erased', async () => {
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ phone: phone() }) });
    const id = r.body.invitation.id;
    const past = await api('POST', `/api/v1/invitations/${id}/extend`, { token: caseworker, body: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(past.status).toBe(400);
    expect(past.body.errors).toContainEqual({ field: 'expiresAt', reason: 'must be in the future' });
    const newExpiry = new Date(Date.now() + 30 * 86_400_000);
    const ext = await api('POST', `/api/v1/invitations/${id}/extend`, { token: caseworker, body: { expiresAt: newExpiry.toISOString() } });
    expect(ext.status).toBe(200);
    expect(Date.parse(ext.body.expiresAt)).toBe(newExpiry.getTime());
    const rev = await api('POST', `/api/v1/invitations/${id}/revoke`, { token: caseworker });
    expect(rev.status).toBe(200);
    expect(rev.body).toMatchObject({ status: 'revoked', contactHint: null });
    const types = (await events(id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['InvitationCreated', 'InvitationExtended', 'InvitationRevoked']));
    expect((await api('POST', `/api/v1/invitations/${id}/resend`, { token: caseworker })).status).toBe(409);
    expect((await api('POST', `/api/v1/invitations/${id}/extend`, { token: caseworker, body: { expiresAt: newExpiry.toISOString() } })).status).toBe(409);
    const enc = await withDb('survey-delivery', (db) => db.query('SELECT contact_enc, link_enc FROM invitation WHERE id = $1', [id]));
    expect(enc.rows[0]).toEqual({ contact_enc: null, link_enc: null });
  });

  it('expires an invitation past its expiry: InvitationExpired, status expired', async () => {
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ phone: phone() }) });
    const id = r.body.invitation.id;
    await withDb('survey-delivery', (db) => db.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]));
    await waitFor(async () => (await status(caseworker, id)) === 'expired', 15_000, 'status expired');
    expect((await events(id)).filter((e) => e.type === 'InvitationExpired')).toHaveLength(1);
  });

  it('filters the list by status and case reference, and never shows another district', async () => {
    const caseReference = caseRef('FILT');
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation({ caseReference, phone: phone() }) });
    await api('POST', `/api/v1/invitations/${r.body.invitation.id}/revoke`, { token: caseworker });
    const byQ = await api('GET', `/api/v1/invitations?q=${caseReference.slice(0, -1).toLowerCase()}&status=revoked`, { token: caseworker });
    expect(byQ.status).toBe(200);
    expect(byQ.body.items.map((i: any) => i.id)).toEqual([r.body.invitation.id]);
    const wrongStatus = await api('GET', `/api/v1/invitations?q=${caseReference}&status=sent`, { token: caseworker });
    expect(wrongStatus.body.items).toEqual([]);
    const bad = await api('GET', '/api/v1/invitations?status=lost', { token: caseworker });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^status/);
    const other = await api('GET', `/api/v1/invitations/${r.body.invitation.id}`, { token: norrmalm });
    expect(other.status).toBe(404);
    const list = await api('GET', `/api/v1/invitations?q=${caseReference}`, { token: norrmalm });
    expect(list.body.items).toEqual([]);
    if (otherCaseworker) expect((await api('GET', `/api/v1/invitations/${r.body.invitation.id}`, { token: otherCaseworker })).status).toBe(404);
  });
});
