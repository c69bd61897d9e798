/**
 * Benchmark: the participation dashboard with a national-scale history. Seeds N invitations
 * into the statistics database (default 400,000 over 24 months in every district, 85 %
 * submitted: about 10 million stored answers at 30 per response), checks that the counts the
 * service answers equal a recomputation from the rows, then measures
 * `GET /internal/v1/participation/periods?months=36` for a district admin (one district) and
 * for the central office (all districts). The seeded rows are removed afterwards (--keep keeps them).
 *   npm run bench:statistics -- [--profile test] [--invitations 400000] [--requests 300] [--keep]
 */
import { Client } from 'pg';
import { DISTRICTS } from '../libs/contracts/src/lib/districts';
import { benchArgs, profileEnv, staffIdentity } from './profile';

const args = benchArgs();
const profile = args['profile'] || 'test';
const env = profileEnv(profile);
const STATISTICS = `http://127.0.0.1:${env['STATISTICS_PORT']}`;
const INVITATIONS = Number(args['invitations'] || 400_000);
const REQUESTS = Number(args['requests'] || 300);
const ANSWERS_PER_RESPONSE = 30;
/** Marks the seeded rows (questionnaire_version_id), so they can be removed again. */
const BENCH_VERSION = '00000000-0000-4000-8000-00000000bec4';
const DISTRICT_IDS = DISTRICTS.map((d) => d.id).filter((id) => id !== 'central');

const identity = (districtId: string, roles: string[]) => staffIdentity(env, districtId, roles);

/** The counts straight from the rows (what the dashboard read before participation_month). */
const RECOMPUTE = `
  SELECT k, participation_period(ts) AS period, count(*)::int AS n
    FROM invitation_progress,
         LATERAL (VALUES (created_at, 'created'), (sent_at, 'sent'), (delivery_failed_at, 'deliveryFailed'), (opened_at, 'opened'),
                         (submitted_at, 'submitted'), (expired_at, 'expired'), (revoked_at, 'revoked'), (feedback_at, 'feedbackGiven'),
                         (rated_at, 'rated'), (CASE WHEN rating IS NOT NULL THEN rated_at END, 'rating:' || rating)) AS s(ts, k)
   WHERE ts IS NOT NULL AND participation_period(ts) >= to_char(date_trunc('month', now() AT TIME ZONE 'Europe/Stockholm') - interval '35 months', 'YYYY-MM')
   GROUP BY 1, 2`;

async function measure(header: string, query: string): Promise<{ p50: string; p95: string; p99: string; body: any }> {
  const latencies: number[] = [];
  let body: any;
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${STATISTICS}/internal/v1/participation/periods?${query}`, { headers: { 'x-delaktig-identity': header } });
    body = await res.json();
    if (res.status !== 200) throw new Error(`periods: ${res.status} ${JSON.stringify(body)}`);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] as number).toFixed(1);
  return { p50: pct(50), p95: pct(95), p99: pct(99), body };
}

async function main() {
  const db = new Client({ connectionString: `postgresql://postgres@127.0.0.1:5432/delaktig_statistics${env['DB_SUFFIX'] ?? ''}` });
  await db.connect();
  try {
    // Seed without the per-row trigger (replica role), then recompute the counts once.
    let t0 = performance.now();
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query(
      `INSERT INTO invitation_progress (invitation_id, district_id, questionnaire_version_id, record_key, created_at, sent_at, opened_at, submitted_at, expired_at, feedback_at, rated_at, rating)
       SELECT gen_random_uuid(), ($2::text[])[1 + (i % array_length($2::text[], 1))], $3::uuid, ('x' || substr(md5('bench-p' || i), 1, 8))::bit(32)::bigint, c, c + interval '1 minute',
              CASE WHEN i % 20 < 18 THEN c + interval '1 day' END,
              CASE WHEN i % 20 < 17 THEN c + interval '2 days' END,
              CASE WHEN i % 20 >= 17 THEN c + interval '14 days' END,
              CASE WHEN i % 20 < 14 THEN c + interval '10 days' END,
              CASE WHEN i % 20 < 10 THEN c + interval '11 days' END,
              CASE WHEN i % 20 < 10 THEN (ARRAY['1','2','3','4','5','dont-know'])[1 + (i % 6)] END
         FROM generate_series(1, $1::int) AS i,
              LATERAL (SELECT now() - (random() * interval '730 days') AS c) AS t`,
      [INVITATIONS, DISTRICT_IDS, BENCH_VERSION],
    );
    await db.query('SELECT participation_month_rebuild()');
    await db.query('COMMIT');
    const seedSeconds = (performance.now() - t0) / 1000;
    const rows = (await db.query('SELECT count(*)::int AS n, count(submitted_at)::int AS submitted FROM invitation_progress')).rows[0] as { n: number; submitted: number };

    // The service's counts equal a recomputation from the rows (central office, all districts, 36 months).
    const central = await identity('central', ['central-analyst']);
    const admin = await identity('skarpnack', ['district-admin']);
    t0 = performance.now();
    const recomputed = (await db.query(RECOMPUTE)).rows as { k: string; period: string; n: number }[];
    const recomputeMs = performance.now() - t0;
    const all = await measure(central, 'months=36');
    const served = new Map<string, number | string>();
    for (const p of all.body.periods as { period: string; counts: Record<string, number | string>; ratings: Record<string, number | string> }[]) {
      for (const [k, n] of Object.entries(p.counts)) served.set(`${p.period} ${k}`, n);
      for (const [r, n] of Object.entries(p.ratings)) served.set(`${p.period} rating:${r}`, n);
    }
    // The kept counts equal the recomputation exactly; what is served is their protected value
    // (cell-key method, ADR 0011): "<5", or within ±2 of the kept count.
    const kept = new Map(
      (await db.query(`SELECT period || ' ' || k AS id, sum(n)::int AS n FROM participation_month GROUP BY 1`)).rows.map((r: { id: string; n: number }) => [r.id, r.n]),
    );
    const mismatches = recomputed.filter((r) => (kept.get(`${r.period} ${r.k}`) ?? 0) !== r.n);
    const outOfBounds = recomputed.filter((r) => {
      const n = served.get(`${r.period} ${r.k}`);
      return n === undefined ? r.n >= 5 : n === '<5' ? r.n >= 7 : Math.abs(Number(n) - r.n) > 2;
    });
    const district = await measure(admin, 'months=36');

    console.log(
      JSON.stringify({
        invitations: rows.n,
        submittedResponses: rows.submitted,
        storedAnswersApprox: rows.submitted * ANSWERS_PER_RESPONSE,
        seedSeconds: Number(seedSeconds.toFixed(1)),
        requests: REQUESTS,
        districtAdmin: { p50: district.p50, p95: district.p95, p99: district.p99 },
        centralAllDistricts: { p50: all.p50, p95: all.p95, p99: all.p99 },
        recomputationFromRowsMs: Number(recomputeMs.toFixed(1)),
        keptCountsEqualRecomputation: mismatches.length === 0,
        servedWithinProtectionBounds: outOfBounds.length === 0,
        goalP95Ms: 50,
      }),
    );
    if (mismatches.length || outOfBounds.length) {
      console.error('mismatches (first 5):', JSON.stringify(mismatches.slice(0, 5)), 'out of bounds (first 5):', JSON.stringify(outOfBounds.slice(0, 5)));
      process.exitCode = 1;
    }
  } finally {
    await db.query('ROLLBACK'); // after a failed seed: leave its aborted transaction
    if (!('keep' in args)) {
      await db.query('BEGIN');
      await db.query('SET LOCAL session_replication_role = replica');
      await db.query('DELETE FROM invitation_progress WHERE questionnaire_version_id = $1', [BENCH_VERSION]);
      await db.query('SELECT participation_month_rebuild()');
      await db.query('COMMIT');
    }
    await db.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
