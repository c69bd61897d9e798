/**
 * Benchmark: child submissions of 30 answers straight to the responses service (signed child
 * identity, as the gateway forwards it): validation from the cached version, one transaction
 * (response row + outbox rows). Invitations and the version are inserted into the responses
 * database first (as the projections would). Prints throughput and latency percentiles.
 *   npx ts-node --transpile-only -O '{"module":"commonjs"}' bench/responses-submit.ts --profile h-responses --requests 2000 --concurrency 32
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { SignJWT } from 'jose';

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

const args = Object.fromEntries(
  process.argv.slice(2).reduce<[string, string][]>((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] ?? '']] : acc), []),
);
const profile = args['profile'] ?? 'test';
const env = Object.fromEntries(
  readFileSync(join(__dirname, '..', 'infra', 'env', `${profile}.env`), 'utf8')
    .split('\n')
    .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => [m[1], m[2]]),
);
const RESPONSES = `http://127.0.0.1:${env['RESPONSES_PORT']}`;
const REQUESTS = Number(args['requests'] ?? 2000);
const CONCURRENCY = Number(args['concurrency'] ?? 32);
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
  const headers = await Promise.all(
    ids.map((invitationId) => signChildIdentity({ invitationId, districtId: 'skarpnack', ageBand: '12-18', questionnaireVersionId: versionId, sessionId: 'bench' }, env['INTERNAL_TOKEN_SECRET'] as string, 3600)),
  );

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const t0 = performance.now();
        const res = await fetch(`${RESPONSES}/child/response/submit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-delaktig-child': headers[i] as string, 'idempotency-key': `bench-${ids[i]}` },
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
  console.log(JSON.stringify({ requests: REQUESTS, concurrency: CONCURRENCY, answersPerSubmission: answers.length, seconds: secs, perSecond: Math.round(REQUESTS / secs), p50: pct(50), p95: pct(95), p99: pct(99), statuses: Object.fromEntries(statuses) }));
  await db.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
