/**
 * Benchmark: child submissions of 30 answers straight to the responses service (signed child
 * identity, as the gateway forwards it): validation from the cached version, one transaction
 * (response row + outbox rows). Invitations and the version are inserted into the responses
 * database first (as the projections would). Prints throughput and latency percentiles.
 * With `--via gateway` the submissions take the public path instead: the child's session token
 * (ES256, signed with identity's own key as identity signs it) verified by the gateway, its rate
 * limit (each simulated child from its own address), then the responses service.
 *   npx ts-node --transpile-only -O '{"module":"commonjs"}' bench/responses-submit.ts --profile test --requests 2000 --concurrency 32 [--via gateway]
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { importJWK, SignJWT, type JWK } from 'jose';
import { benchArgs, profileEnv } from './profile';

/** Same token as service-kit signChildIdentity (the gateway's child identity header). */
function signChildIdentity(child: { invitationId: string; districtId: string; ageBand: string; questionnaireVersionId: string; sessionId: string }, secret: string, ttl: number) {
  return new SignJWT({ ...child })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(child.invitationId)
    .setIssuer('delaktig-gateway')
    .setAudience('delaktig-services-child')
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(new TextEncoder().encode(secret));
}

const args = benchArgs();
const profile = args['profile'] || 'test';
const env = profileEnv(profile);
const RESPONSES = `http://127.0.0.1:${env['RESPONSES_PORT']}`;
const REQUESTS = Number(args['requests'] ?? 2000);
const CONCURRENCY = Number(args['concurrency'] ?? 32);
const VIA_GATEWAY = args['via'] === 'gateway';
const GATEWAY = `http://127.0.0.1:${env['GATEWAY_PORT']}`;

/** A child session token as identity issues it (ES256 with identity's current key, read from its database). */
async function childSessionSigner(): Promise<(c: { invitationId: string; districtId: string; ageBand: string; questionnaireVersionId: string }) => Promise<string>> {
  const db = new Client({ connectionString: `postgresql://postgres@127.0.0.1:5432/delaktig_identity${env['DB_SUFFIX'] ?? ''}` });
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
const t = (s: string) => ({ sv: { text: s }, en: { text: s } });

/** 6 areas × 5 questions (4 scale + talk flag) = 30 answers. */
function content() {
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

async function main() {
  const db = new Client({ connectionString: `postgresql://postgres@127.0.0.1:5432/delaktig_responses${env['DB_SUFFIX'] ?? ''}` });
  await db.connect();
  const versionId = randomUUID();
  const c = content();
  await db.query(
    `INSERT INTO questionnaire_version (id, template_id, key, age_band, version, content, content_sha256, published_at) VALUES ($1, $2, 'bench', '12-18', 1, $3, $4, now())`,
    [versionId, randomUUID(), JSON.stringify(c), '0'.repeat(64)],
  );
  const ids = Array.from({ length: REQUESTS }, () => randomUUID());
  await db.query(
    `INSERT INTO invitation (id, district_id, unit_id, created_by, age_band, gender, occasion, child_ref, questionnaire_version_id, created_at, expires_at)
     SELECT id, 'skarpnack', 'bench', 'bench', '12-18', 'not-stated', 1, md5(id::text) || md5(id::text), $2, now(), now() + interval '1 day' FROM unnest($1::uuid[]) AS t(id)`,
    [ids, versionId],
  );
  const answers = c.areas.flatMap((a) =>
    a.questions.map((q) => (q.type === 'talk-flag' ? { questionId: q.id, value: { kind: 'flag', on: false } } : { questionId: q.id, value: { kind: 'option', optionId: 's4' } })),
  );
  const body = JSON.stringify({ answers });
  const sessionToken = VIA_GATEWAY ? await childSessionSigner() : null;
  const headers = await Promise.all(
    ids.map(async (invitationId, i): Promise<Record<string, string>> =>
      sessionToken
        ? {
            authorization: `Bearer ${await sessionToken({ invitationId, districtId: 'skarpnack', ageBand: '12-18', questionnaireVersionId: versionId })}`,
            'x-forwarded-for': `10.${100 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
          }
        : { 'x-delaktig-child': await signChildIdentity({ invitationId, districtId: 'skarpnack', ageBand: '12-18', questionnaireVersionId: versionId, sessionId: 'bench' }, env['INTERNAL_TOKEN_SECRET'] as string, 3600) },
    ),
  );
  const submitUrl = VIA_GATEWAY ? `${GATEWAY}/api/v1/child/response/submit` : `${RESPONSES}/child/response/submit`;

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const t0 = performance.now();
        const res = await fetch(submitUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers[i], 'idempotency-key': `bench-${ids[i]}` },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const secs = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
  console.log(JSON.stringify({ path: VIA_GATEWAY ? 'gateway' : 'responses service', requests: REQUESTS, concurrency: CONCURRENCY, answersPerSubmission: answers.length, seconds: secs, perSecond: Math.round(REQUESTS / secs), p50: pct(50), p95: pct(95), p99: pct(99), statuses: Object.fromEntries(statuses) }));
  await db.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
