import { createHash, randomUUID } from 'node:crypto';
import { createEvent, InvitationCreatedV2, QuestionnaireVersionPublishedV2, type EventDefinition, type Gender } from '@delaktig/contracts';
import { CHILD_IDENTITY_HEADER, signChildIdentity } from '@delaktig/service-kit';
import { testQuestionnaire } from '../../../services/responses/src/testing/questionnaire.fixture';
import { api, tokenFor, waitFor, withDb } from './api';
import { testEnv, TOPIC_PREFIX } from './env';
import { kafka } from './kafka';

/**
 * Helpers of the tests that drive the responses service directly (responses, casework):
 * versions and invitations arrive as real Kafka events, the child calls the service with
 * a gateway-signed child identity, as the gateway's child routes do.
 */
export const RESPONSES = `http://127.0.0.1:${testEnv['RESPONSES_PORT']}`;
const SECRET = testEnv['INTERNAL_TOKEN_SECRET'] as string;

export interface Staff {
  token: string;
  sub: string;
  unit: string | null;
  name: string | null;
}
export interface Inv {
  invitationId: string;
  districtId: 'skarpnack' | 'norrmalm';
  questionnaireVersionId: string;
}

export async function staff(username: string): Promise<Staff> {
  const token = await tokenFor(username);
  const me = await api('GET', '/api/v1/me', { token });
  expect(me.status).toBe(200);
  return { token, sub: me.body.subject, unit: me.body.unit, name: me.body.name };
}

export async function publish(def: EventDefinition, data: unknown, key: string): Promise<void> {
  const event = createEvent(def, data as never, { key, source: 'integration-test', correlationId: randomUUID() });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: `${TOPIC_PREFIX}${def.topic}`, messages: [{ key, value: JSON.stringify(event) }] });
  } finally {
    await producer.disconnect();
  }
}

/** Waits until a projection row has reached the responses database. */
export const rowExists = (table: 'questionnaire_version' | 'invitation', id: string) =>
  waitFor(
    () => withDb('responses', async (db) => (await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount === 1 || undefined),
    30_000,
    `${table} ${id} in responses`,
  );

/** Publishes the test questionnaire as a version and (unless `wait: false`) waits until responses has it. */
export async function publishVersion(
  opts: { versionId?: string; key?: string; version?: number; marker?: string; wait?: boolean } = {},
): Promise<{ versionId: string; key: string }> {
  const versionId = opts.versionId ?? randomUUID();
  const templateId = randomUUID();
  const key = opts.key ?? `it-${versionId.slice(0, 8)}`;
  await publish(
    QuestionnaireVersionPublishedV2,
    {
      templateId,
      key,
      ageBand: '6-11',
      versionId,
      version: opts.version ?? 1,
      publishedBy: 'system',
      publishedAt: new Date().toISOString(),
      contentSha256: createHash('sha256').update(versionId).digest('hex'),
      content: testQuestionnaire(opts.marker),
    },
    templateId,
  );
  if (opts.wait !== false) await rowExists('questionnaire_version', versionId);
  return { versionId, key };
}

/** An invitation by `by` for the 6–11 test questionnaire, as survey-delivery would announce it. */
export async function invite(
  by: Staff,
  versionId: string,
  opts: { districtId?: 'skarpnack' | 'norrmalm'; childRef?: string; occasion?: number; expiresAt?: Date; gender?: Gender; wait?: boolean } = {},
): Promise<Inv> {
  const invitationId = randomUUID();
  const districtId = opts.districtId ?? 'skarpnack';
  await publish(
    InvitationCreatedV2,
    {
      invitationId,
      districtId,
      unitId: by.unit,
      ageBand: '6-11',
      createdBy: by.sub,
      createdAt: new Date().toISOString(),
      questionnaireVersionId: versionId,
      expiresAt: (opts.expiresAt ?? new Date(Date.now() + 14 * 86_400_000)).toISOString(),
      language: 'sv',
      channel: 'sms',
      discreet: false,
      gender: opts.gender ?? 'girl',
      birthYear: new Date().getUTCFullYear() - 9,
      occasion: opts.occasion ?? 1,
      childRef: opts.childRef ?? createHash('sha256').update(invitationId).digest('hex'),
    },
    invitationId,
  );
  if (opts.wait !== false) await rowExists('invitation', invitationId);
  return { invitationId, districtId, questionnaireVersionId: versionId };
}

/** A call of the child's session to responses (`/child<path>`), with the gateway-signed child identity. */
export async function asChild(inv: Inv, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, base = RESPONSES) {
  const header = await signChildIdentity({ ...inv, ageBand: '6-11', sessionId: `s-${inv.invitationId.slice(0, 8)}` }, SECRET);
  const res = await fetch(`${base}/child${path}`, {
    method,
    headers: { [CHILD_IDENTITY_HEADER]: header, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, contentType: res.headers.get('content-type') };
}

export const opt = (questionId: string, optionId: string, wantsToTalk = false) => ({ questionId, value: { kind: 'option', optionId }, wantsToTalk });
