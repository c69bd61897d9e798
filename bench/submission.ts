import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { importJWK, SignJWT, type JWK } from 'jose';

/**
 * What the submission benchmarks share: a 30-answer questionnaire version and invitations put
 * straight into the responses database (as its projections would), the child's answers, and the
 * tokens a child's request carries on each path.
 */
export interface BenchChild {
  invitationId: string;
  districtId: string;
  ageBand: string;
  questionnaireVersionId: string;
}

const t = (s: string) => ({ sv: { text: s }, en: { text: s } });

/** 6 areas × 5 questions (4 scale + talk flag) = 30 answers. */
export function benchContent() {
  const areas = ['home', 'school', 'leisure', 'health', 'social-services', 'about-answering'].map((id) => ({
    id,
    title: t(id),
    questions: [
      ...[1, 2, 3, 4].map((n) => ({
        id: `${id}-q${n}`,
        type: 'scale',
        steps: 5,
        text: t(`${id} ${n}`),
        options: [1, 2, 3, 4, 5].map((o) => ({ id: `s${o}`, label: t(`${o}`), icon: `face-${o}` })),
      })),
      { id: `${id}-talk`, type: 'talk-flag', text: t('talk') },
    ],
  }));
  return { schemaVersion: 1, ageBand: '12-18', title: t('bench'), intro: t('bench'), areas };
}

/** The body a child sends: every question answered (scale option 4, talk flags off). */
export function benchAnswers(content = benchContent()) {
  return content.areas.flatMap((a) =>
    a.questions.map((q) => (q.type === 'talk-flag' ? { questionId: q.id, value: { kind: 'flag', on: false } } : { questionId: q.id, value: { kind: 'option', optionId: 's4' } })),
  );
}

/** A new questionnaire version and `count` open invitations for it in the responses database. */
export async function seedInvitations(responsesDb: Client, count: number, districtId = 'skarpnack'): Promise<{ versionId: string; children: BenchChild[] }> {
  const versionId = randomUUID();
  await responsesDb.query(
    `INSERT INTO questionnaire_version (id, template_id, key, age_band, version, content, content_sha256, published_at) VALUES ($1, $2, 'bench', '12-18', 1, $3, $4, now())`,
    [versionId, randomUUID(), JSON.stringify(benchContent()), '0'.repeat(64)],
  );
  const ids = Array.from({ length: count }, () => randomUUID());
  await responsesDb.query(
    `INSERT INTO invitation (id, district_id, unit_id, created_by, age_band, gender, occasion, child_ref, questionnaire_version_id, created_at, expires_at)
     SELECT id, $3, 'bench', 'bench', '12-18', 'not-stated', 1, md5(id::text) || md5(id::text), $2, now(), now() + interval '1 day' FROM unnest($1::uuid[]) AS t(id)`,
    [ids, versionId, districtId],
  );
  return { versionId, children: ids.map((invitationId) => ({ invitationId, districtId, ageBand: '12-18', questionnaireVersionId: versionId })) };
}

/** A child session token as identity issues it (ES256 with identity's current key, read from its database). */
export async function childSessionSigner(identityDbUrl: string): Promise<(c: BenchChild) => Promise<string>> {
  const db = new Client({ connectionString: identityDbUrl });
  await db.connect();
  const jwk = (await db.query('SELECT jwk FROM child_session_key ORDER BY created_at DESC, kid ASC LIMIT 1')).rows[0]?.jwk as (JWK & { kid: string }) | undefined;
  await db.end();
  if (!jwk) throw new Error('identity has no child session key yet (open one child session first, or start identity)');
  const key = await importJWK(jwk, 'ES256');
  return (c) =>
    new SignJWT({ districtId: c.districtId, ageBand: c.ageBand, questionnaireVersionId: c.questionnaireVersionId, sid: 'bench' })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .setIssuer('delaktig-identity')
      .setAudience('delaktig-child')
      .setSubject(c.invitationId)
      .setIssuedAt()
      .setExpirationTime('20m')
      .sign(key);
}

/** The gateway's child identity header (service-kit signChildIdentity), for calling responses directly. */
export function childIdentityHeader(c: BenchChild, secret: string): Promise<string> {
  return new SignJWT({ ...c, sessionId: 'bench' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(c.invitationId)
    .setIssuer('delaktig-gateway')
    .setAudience('delaktig-services-child')
    .setIssuedAt()
    .setExpirationTime('3600s')
    .sign(new TextEncoder().encode(secret));
}

/** A distinct client address per child (each child its own rate-limit bucket, as on the internet). */
export function childAddress(i: number): string {
  return `10.${100 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
}

export interface LoadResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
  /** Wall-clock time (ms since the epoch) each request was acknowledged, by index. */
  ackedAt: number[];
}

/** Sends `requests` POSTs with `concurrency` in flight; latency from sending to the whole reply read. */
export async function runLoad(url: string, body: string, headersOf: (i: number) => Record<string, string>, requests: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const ackedAt: number[] = new Array(requests);
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersOf(i) }, body });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        ackedAt[i] = Date.now();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests, concurrency, seconds: round(seconds, 2), perSecond: Math.round(requests / seconds), p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), statuses, ackedAt };
}

export function pct(sorted: number[], p: number): number {
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN, 1);
}

export function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
