import { randomUUID } from 'node:crypto';
import {
  createEvent,
  InvitationCreatedV2,
  InvitationExtendedV1,
  InvitationRevokedV1,
  ResponseSubmittedV1,
  TOPICS,
  type EventDefinition,
} from '@delaktig/contracts';
import { signIdentity, type Identity } from '@delaktig/service-kit';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { z } from 'zod';
import { api, validInvitation, waitFor, withDb } from './support/api';
import { testEnv, TOPIC_PREFIX } from './support/env';
import { kafka } from './support/kafka';

/**
 * Child access tests create invitations the way ADR 0009 does, without survey-delivery's
 * orchestration: credentials from identity (with a gateway-signed caseworker identity),
 * then InvitationCreated v2 (and later invitation/response events) straight onto Kafka.
 */
export const IDENTITY = `http://127.0.0.1:${testEnv['IDENTITY_PORT']}`;

export interface Staff {
  token: string;
  identity: Identity;
}

export async function staffIdentity(token: string): Promise<Identity> {
  const me = await api('GET', '/api/v1/me', { token });
  if (me.status !== 200) throw new Error(`GET /api/v1/me: ${me.status}`);
  return { sub: me.body.subject, districtId: me.body.districtId, unitId: me.body.unit ?? null, roles: me.body.roles };
}

export async function identityCall(method: string, path: string, who: Identity | null, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who) headers['x-delaktig-identity'] = await signIdentity(who, testEnv['INTERNAL_TOKEN_SECRET'] as string);
  const res = await fetch(`${IDENTITY}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const producer = kafka.producer({ allowAutoTopicCreation: true });
let connected: Promise<void> | undefined;

export async function produce<T extends z.ZodType>(def: EventDefinition<T>, data: z.input<T>, key: string): Promise<void> {
  connected ??= producer.connect();
  await connected;
  const envelope = createEvent(def, data, { key, source: 'integration-tests', correlationId: randomUUID() });
  await producer.send({ topic: `${TOPIC_PREFIX}${def.topic}`, acks: -1, messages: [{ key, value: JSON.stringify(envelope) }] });
}

export async function closeProducer(): Promise<void> {
  if (connected) await producer.disconnect();
}

export async function publishedVersion(ageBand: '6-11' | '12-18'): Promise<string> {
  return withDb('survey-delivery', async (db) => {
    const r = await db.query(
      `SELECT v.id FROM questionnaire_version v JOIN questionnaire_template t ON t.id = v.template_id
       WHERE t.age_band = $1 AND v.status = 'published' ORDER BY v.published_at DESC LIMIT 1`,
      [ageBand],
    );
    if (!r.rows[0]) throw new Error(`no published questionnaire for ${ageBand}`);
    return r.rows[0].id as string;
  });
}

export async function accessRow(invitationId: string): Promise<Record<string, any> | undefined> {
  return withDb('identity', async (db) => (await db.query('SELECT * FROM child_access WHERE invitation_id = $1', [invitationId])).rows[0]);
}

export async function waitForStatus(invitationId: string, status: string, extra?: (row: Record<string, any>) => boolean): Promise<void> {
  await waitFor(async () => {
    const row = await accessRow(invitationId);
    return (row?.['status'] === status && (!extra || extra(row))) || undefined;
  }, 30_000, `child access ${invitationId} to be ${status}`);
}

export interface TestInvitation {
  id: string;
  linkToken: string;
  code: string;
  versionId: string;
  ageBand: '6-11' | '12-18';
}

/** Credentials + InvitationCreated v2, waited until identity has activated them. */
export async function createInvitation(
  caseworker: Identity,
  opts: { ageBand?: '6-11' | '12-18'; expiresAt?: Date; unitId?: string | null; activate?: boolean } = {},
): Promise<TestInvitation> {
  const id = randomUUID();
  const ageBand = opts.ageBand ?? '6-11';
  const issued = await identityCall('POST', '/child-access/credentials', caseworker, { invitationId: id });
  if (issued.status !== 201) throw new Error(`credentials: ${issued.status} ${JSON.stringify(issued.body)}`);
  const versionId = await publishedVersion(ageBand);
  if (opts.activate !== false) {
    await produce(
      InvitationCreatedV2,
      {
        invitationId: id,
        districtId: caseworker.districtId,
        unitId: opts.unitId === undefined ? caseworker.unitId : opts.unitId,
        ageBand,
        createdBy: caseworker.sub,
        createdAt: new Date().toISOString(),
        questionnaireVersionId: versionId,
        expiresAt: (opts.expiresAt ?? new Date(Date.now() + 14 * 86_400_000)).toISOString(),
        language: 'sv',
        channel: 'sms',
        discreet: false,
        gender: 'girl',
        birthYear: new Date().getUTCFullYear() - (ageBand === '6-11' ? 9 : 14),
        occasion: 1,
        childRef: 'a'.repeat(64),
      },
      id,
    );
    await waitForStatus(id, 'active');
  }
  return { id, linkToken: issued.body.linkToken, code: issued.body.code, versionId, ageBand };
}

export async function revoke(inv: TestInvitation, by: Identity): Promise<void> {
  await produce(InvitationRevokedV1, { invitationId: inv.id, districtId: by.districtId, revokedBy: by.sub, revokedAt: new Date().toISOString() }, inv.id);
  await waitForStatus(inv.id, 'revoked');
}

export async function extend(inv: TestInvitation, by: Identity, expiresAt: Date): Promise<void> {
  await produce(
    InvitationExtendedV1,
    { invitationId: inv.id, districtId: by.districtId, expiresAt: expiresAt.toISOString(), extendedBy: by.sub, extendedAt: new Date().toISOString() },
    inv.id,
  );
  await waitFor(async () => (await accessRow(inv.id))?.['expires_at']?.getTime() === expiresAt.getTime() || undefined, 30_000, 'the extension');
}

export async function submitted(inv: TestInvitation, by: Identity): Promise<void> {
  await produce(
    ResponseSubmittedV1,
    {
      responseId: randomUUID(),
      invitationId: inv.id,
      districtId: by.districtId,
      unitId: by.unitId,
      ageBand: inv.ageBand,
      gender: 'girl',
      occasion: 1,
      questionnaireVersionId: inv.versionId,
      submittedAt: new Date().toISOString(),
      answers: [],
    },
    inv.id,
  );
  await waitFor(async () => (await accessRow(inv.id))?.['submitted_at'] || undefined, 30_000, 'the submission to reach identity');
}

let ipSeq = 0;
/** A distinct client address per test (the gateway trusts X-Forwarded-For from loopback), so rate limits don't mix. */
export function clientIp(): string {
  ipSeq += 1;
  return `10.${Math.floor(Math.random() * 200) + 20}.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`;
}

const SMS = `http://127.0.0.1:${testEnv['SMS_SIM_PORT'] ?? 4250}`;

/** A fresh mobile number per invitation (never ending in the SMS simulator's failure suffixes); `series` keeps test files apart. */
export function phoneNumbers(series: string): () => string {
  let seq = Math.floor(Math.random() * 800_000) + 100_000;
  return () => `+4670${series}${String(seq++).padStart(6, '0')}`.replace(/000[0-2]$/, '1234');
}

/** The link token from the SMS the child got (read at the SMS simulator). */
export async function linkTokenSentTo(phone: string): Promise<string> {
  return waitFor(
    async () => {
      const r = await fetch(`${SMS}/sim/messages?to=${encodeURIComponent(phone)}`);
      const items = ((await r.json()) as { items: { message: string }[] }).items;
      return items.map((m) => /#\/i\/([A-Za-z0-9_-]{43})/.exec(m.message)?.[1]).find(Boolean);
    },
    20_000,
    'the SMS with the link',
  );
}

export function openSession(token: string, code: string, ip = clientIp()) {
  return api('POST', '/api/v1/child/session', { body: { token, code }, headers: { 'x-forwarded-for': ip } });
}

/** A child session token signed with identity's real key (read from its database), for expiry tests. */
export async function signWithIdentityKey(claims: { sub: string; exp: number; districtId: string; ageBand: string; questionnaireVersionId: string }) {
  const jwk = await withDb('identity', async (db) => (await db.query('SELECT jwk FROM child_session_key ORDER BY created_at DESC, kid ASC LIMIT 1')).rows[0].jwk as JWK & { kid: string });
  return new SignJWT({ districtId: claims.districtId, ageBand: claims.ageBand, questionnaireVersionId: claims.questionnaireVersionId, sid: 'test' })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setIssuer('delaktig-identity')
    .setAudience('delaktig-child')
    .setSubject(claims.sub)
    .setIssuedAt(claims.exp - 1200)
    .setExpirationTime(claims.exp)
    .sign(await importJWK(jwk, 'ES256'));
}

export function wrongCode(code: string): string {
  // Same shape, another value.
  const last = code.at(-1) === 'A' ? 'B' : 'A';
  return code.slice(0, -1) + last;
}

export { TOPICS };

const MAIL = `http://127.0.0.1:${testEnv['MAILDEV_WEB_PORT'] ?? 4252}`;

/** The messages the SMS simulator got for a number, oldest first. */
export async function smsTo(to: string): Promise<{ to: string; from: string; message: string }[]> {
  const r = await fetch(`${SMS}/sim/messages?to=${encodeURIComponent(to)}`);
  return ((await r.json()) as { items: { to: string; from: string; message: string }[] }).items;
}

/** The e-mails maildev got for an address. */
export async function mailTo(to: string): Promise<any[]> {
  const r = await fetch(`${MAIL}/api/email`);
  return ((await r.json()) as any[]).filter((m) => (m.to ?? []).some((t: { address: string }) => t.address === to));
}

export interface ChildWithAlert {
  invitationId: string;
  caseReference: string;
  freeText: string;
  alertId: string;
  /** The child's session, to answer again. */
  child: string;
}

/**
 * One child the whole way through the public API: an invitation by SMS from `caseworkerToken`,
 * the link and code, answers with a safety answer (wanting to talk about it) and a free text;
 * returns when responses has raised the safety alert.
 */
export async function childWithSafetyAlert(caseworkerToken: string, phone: string, caseReference: string): Promise<ChildWithAlert> {
  const created = await api('POST', '/api/v1/invitations', { token: caseworkerToken, body: validInvitation({ caseReference, phone }) });
  if (created.status !== 201) throw new Error(`invitation: ${created.status} ${JSON.stringify(created.body)}`);
  const invitationId = created.body.invitation.id as string;
  const linkToken = await linkTokenSentTo(phone);
  // identity activates the credentials when it has consumed InvitationCreated: until then 404.
  const session = await waitFor(async () => {
    const s = await openSession(linkToken, created.body.code);
    if (s.status === 404) return undefined;
    if (s.status !== 201) throw new Error(`child session: ${s.status} ${JSON.stringify(s.body)}`);
    return s;
  }, 20_000, 'the child session (credentials active)');
  const child = session.body.sessionToken as string;
  const content = (await api('GET', '/api/v1/child/questionnaire', { token: child })).body.content;
  const questions = content.areas.flatMap((a: any) => a.questions) as any[];
  const safety = questions.find((q) => q.options?.some((o: any) => o.safety));
  if (!safety) throw new Error('the questionnaire has no safety question');
  const free = questions.find((q) => !q.showWhen && q.type === 'free-text' && q.enabled !== false);
  const freeText = `svar-${randomUUID().slice(0, 8)}`;
  const answers: unknown[] = [];
  // A follow-up safety question is asked only after its trigger answer.
  if (safety.showWhen) answers.push({ questionId: safety.showWhen.questionId, value: { kind: 'option', optionId: safety.showWhen.anyOf[0] }, wantsToTalk: false });
  answers.push({ questionId: safety.id, value: { kind: 'option', optionId: safety.options.find((o: any) => o.safety).id }, wantsToTalk: true });
  if (free) answers.push({ questionId: free.id, value: { kind: 'text', text: freeText }, wantsToTalk: false });
  const submitted = await api('POST', '/api/v1/child/response/submit', { token: child, headers: { 'idempotency-key': randomUUID() }, body: { answers } });
  if (submitted.status >= 300) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const alertId = await waitFor(
    () => withDb('responses', async (db) => (await db.query(`SELECT id::text FROM safety_alert WHERE invitation_id = $1`, [invitationId])).rows[0]?.id as string | undefined),
    30_000,
    'the safety alert',
  );
  return { invitationId, caseReference, freeText, alertId, child };
}
