/**
 * Benchmark (issue 15): completed 30-answer child submissions through the public path —
 * gateway (child session token, rate limit), responses (validation, one statement writing the
 * response and its outbox rows), relay → Kafka → the statistics and audit consumers — with the
 * whole stack running, in one sitting:
 *   1. the public path at each concurrency (default 32 and 256): throughput, p50/p95/p99;
 *   2. freshness: from each acknowledgement to the statistics service's transaction that
 *      recorded the response (processed_event), p50/p95/max — waits until all are recorded;
 *   3. CPU per submission of every process on the machine (from /proc: the six services, the
 *      gateway, Kafka, PostgreSQL, Redis, Keycloak, this client, the rest);
 *   4. the physical ceiling: pgbench writing the same rows (the same response and outbox bytes,
 *      one statement with the NOTIFY, into scratch copies of the two tables) at the same
 *      concurrencies (capped by max_connections), and the ratio of ours to it.
 * With `--cpu-profile DIR` it also writes V8 CPU profiles of the gateway and the services for the
 * first concurrency and summarises them; this needs the services started with the preload:
 *   NODE_OPTIONS="--require $PWD/bench/cpu-profiler.cjs" CPU_PROFILE_DIR=DIR infra/services.sh start test
 *
 *   npm run bench:submit -- --profile test [--requests 3000] [--concurrency 32,256] [--cpu-profile DIR]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { summarise, type CpuProfile } from './cpu-summary';
import { benchArgs, pgbenchCeiling, profileEnv, sqlLiteral } from './profile';
import { benchAnswers, childAddress, childSessionSigner, pct, round, runLoad, seedInvitations, type LoadResult } from './submission';

const args = benchArgs();
const profile = args['profile'] || 'test';
const env = profileEnv(profile);
const REQUESTS = Number(args['requests'] ?? 3000);
const CONCURRENCIES = (args['concurrency'] || '32,256').split(',').map(Number);
const PROFILE_DIR = args['cpu-profile'] || '';
const ROOT = join(__dirname, '..');
const RUN_DIR = join(ROOT, '.run', profile);
const db = (name: string) => `postgresql://postgres@127.0.0.1:5432/delaktig_${name}${env['DB_SUFFIX'] ?? ''}`;
const PROCESSES = ['gateway', 'identity', 'survey-delivery', 'responses', 'statistics', 'audit'];

// ---- CPU per process, from /proc --------------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux

function readPid(file: string): number | null {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

/** utime + stime of a process in ms (null when it is gone). */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Which part of the system a process is (null: not ours to name, counted under "rest of the machine"). */
function groups(): Map<number, string> {
  const byPid = new Map<number, string>();
  for (const p of PROCESSES) {
    const pid = readPid(join(RUN_DIR, `${p}.pid`));
    if (pid) byPid.set(pid, p);
  }
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!pid || byPid.has(pid)) continue;
    const cmd = commandOf(pid);
    if (/^postgres[: ]/.test(cmd) || cmd.includes('/postgres ')) byPid.set(pid, 'PostgreSQL');
    else if (cmd.includes('kafka.Kafka')) byPid.set(pid, 'Kafka broker');
    else if (cmd.includes('redis-server')) byPid.set(pid, 'Redis');
    else if (cmd.includes('keycloak')) byPid.set(pid, 'Keycloak');
  }
  byPid.set(process.pid, 'benchmark client');
  return byPid;
}

/** Busy and total CPU time of the whole machine in ms (all cores), from /proc/stat. */
function machineMs(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0) * TICK_MS;
  const idle = ((f[3] ?? 0) + (f[4] ?? 0)) * TICK_MS;
  return { busy: total - idle, total };
}

type Snapshot = { perPid: Map<number, number>; names: Map<number, string>; machine: { busy: number; total: number } };
function snapshot(): Snapshot {
  const names = groups();
  const perPid = new Map<number, number>();
  for (const pid of names.keys()) {
    const ms = cpuMs(pid);
    if (ms !== null) perPid.set(pid, ms);
  }
  return { perPid, names, machine: machineMs() };
}

/** CPU ms per submission of each part between two snapshots (processes alive at both). */
function cpuPerSubmission(a: Snapshot, b: Snapshot, submissions: number): Record<string, number> {
  const byGroup = new Map<string, number>();
  for (const [pid, after] of b.perPid) {
    const before = a.perPid.get(pid);
    if (before === undefined) continue;
    const g = b.names.get(pid) as string;
    byGroup.set(g, (byGroup.get(g) ?? 0) + (after - before));
  }
  const named = [...byGroup.values()].reduce((x, y) => x + y, 0);
  const busy = b.machine.busy - a.machine.busy;
  const out: Record<string, number> = {};
  for (const [g, ms] of [...byGroup].sort((x, y) => y[1] - x[1])) out[g] = round(ms / submissions, 2);
  out['rest of the machine (kernel, other processes)'] = round(Math.max(0, busy - named) / submissions, 2);
  out['machine busy, all cores'] = round(busy / submissions, 2);
  out['machine capacity used %'] = round((100 * busy) / (b.machine.total - a.machine.total), 0);
  return out;
}

// ---- CPU profiles (optional) -----------------------------------------------------------------

function signalServices(): void {
  for (const p of PROCESSES) {
    const pid = readPid(join(RUN_DIR, `${p}.pid`));
    if (pid) process.kill(pid, 'SIGWINCH');
  }
}

async function profileSummary(since: number, submissions: number): Promise<Record<string, Record<string, number>>> {
  await new Promise((r) => setTimeout(r, 2000));
  const out: Record<string, Record<string, number>> = {};
  for (const f of readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile') && Number(f.split('-').pop()?.split('.')[0]) >= since)) {
    const { buckets, busyUs } = summarise(JSON.parse(readFileSync(join(PROFILE_DIR, f), 'utf8')) as CpuProfile);
    const name = f.replace(/-\d+-\d+\.cpuprofile$/, '');
    out[name] = { 'total ms/submission': round(busyUs / 1000 / submissions, 2) };
    for (const [b, us] of [...buckets].sort((x, y) => y[1] - x[1]).slice(0, 10)) out[name][b] = round(us / 1000 / submissions, 3);
  }
  return out;
}

// ---- freshness -------------------------------------------------------------------------------

/** Waits until statistics has recorded every acknowledged submission; freshness per submission in ms. */
async function freshness(invitationIds: string[], ackedAt: number[], timeoutMs = 120_000): Promise<{ p50: number; p95: number; max: number; recorded: number }> {
  const stats = new Client({ connectionString: db('statistics') });
  await stats.connect();
  const deadline = Date.now() + timeoutMs;
  let rows: { invitation_id: string; at: string }[] = [];
  try {
    for (;;) {
      rows = (
        await stats.query(
          `SELECT r.invitation_id::text, (extract(epoch FROM p.processed_at) * 1000)::float8 AS at
           FROM response_record r JOIN processed_event p ON p.consumer = 'statistics.response' AND p.event_id = r.event_id
           WHERE r.invitation_id = ANY($1::uuid[])`,
          [invitationIds],
        )
      ).rows;
      if (rows.length >= invitationIds.length || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await stats.end();
  }
  const index = new Map(invitationIds.map((id, i) => [id, i]));
  const lags = rows.map((r) => Math.max(0, Number(r.at) - (ackedAt[index.get(r.invitation_id) as number] as number))).sort((a, b) => a - b);
  return { p50: pct(lags, 50), p95: pct(lags, 95), max: round(lags[lags.length - 1] ?? NaN, 1), recorded: rows.length };
}

// ---- the pgbench ceiling ---------------------------------------------------------------------

/** pgbench writing what one submission writes (its response row, both outbox rows, the NOTIFY) in one statement. */
async function ceiling(responsesDb: Client, sample: { invitationId: string }, clients: number[]): Promise<{ clients: number; tps: number; p50: number; p95: number }[]> {
  const row = (await responsesDb.query(`SELECT district_id, questionnaire_version_id::text AS v, answers::text FROM response WHERE invitation_id = $1`, [sample.invitationId])).rows[0];
  const events = (await responsesDb.query(`SELECT topic, type, version, payload::text FROM outbox_event WHERE key = $1 ORDER BY seq`, [sample.invitationId])).rows;
  if (!row || events.length === 0) throw new Error('no submitted response to copy for the ceiling');
  await responsesDb.query(`DROP TABLE IF EXISTS bench_ceiling_response, bench_ceiling_outbox`);
  await responsesDb.query(`CREATE TABLE bench_ceiling_response (LIKE response INCLUDING ALL)`);
  await responsesDb.query(`CREATE TABLE bench_ceiling_outbox (LIKE outbox_event INCLUDING ALL)`);
  const { rows: conn } = await responsesDb.query(`SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)::int - 5 AS free`);
  const free = Number(conn[0]?.free ?? 20);
  const sql = `WITH r AS (INSERT INTO bench_ceiling_response (id, invitation_id, district_id, questionnaire_version_id, status, answers, position, started_at, updated_at, submitted_at, submit_key, safety_raised)
      VALUES (gen_random_uuid(), gen_random_uuid(), ${sqlLiteral(row.district_id)}, ${sqlLiteral(row.v)}::uuid, 'submitted', ${sqlLiteral(row.answers)}::jsonb, NULL, now(), now(), now(), 'bench-' || gen_random_uuid(), false) RETURNING id),
    o AS (INSERT INTO bench_ceiling_outbox (id, topic, key, type, version, payload)
      SELECT gen_random_uuid(), e.topic, r.id::text, e.type, e.version, e.payload::jsonb FROM r, (VALUES ${events
        .map((e) => `(${sqlLiteral(e.topic)}, ${sqlLiteral(e.type)}, ${Number(e.version)}, ${sqlLiteral(e.payload)})`)
        .join(', ')}) AS e(topic, type, version, payload) RETURNING 1),
    n AS (SELECT pg_notify('bench_ceiling', ''))
    SELECT (SELECT count(*) FROM o), (SELECT count(*) FROM n) FROM r`;
  try {
    return clients.map((c) => {
      const n = Math.max(1, Math.min(c, free));
      const r = pgbenchCeiling(`delaktig_responses${env['DB_SUFFIX'] ?? ''}`, sql, { clients: n, transactions: Math.max(50, Math.ceil(REQUESTS / n)) });
      return { clients: n, tps: r.tps, p50: r.p50, p95: r.p95 };
    });
  } finally {
    await responsesDb.query(`DROP TABLE IF EXISTS bench_ceiling_response, bench_ceiling_outbox`);
  }
}

// ---- main ------------------------------------------------------------------------------------

async function main() {
  const responsesDb = new Client({ connectionString: db('responses') });
  await responsesDb.connect();
  const sign = await childSessionSigner(db('identity'));
  const body = JSON.stringify({ answers: benchAnswers() });
  const url = `http://127.0.0.1:${env['GATEWAY_PORT']}/api/v1/child/response/submit`;
  const runs: (Omit<LoadResult, 'ackedAt'> & { freshnessMs: object; cpuMsPerSubmission: Record<string, number>; cpuProfile?: object })[] = [];
  let lastChild = { invitationId: '' };
  for (const [n, concurrency] of CONCURRENCIES.entries()) {
    const { children } = await seedInvitations(responsesDb, REQUESTS);
    const headers = await Promise.all(
      children.map(async (c, i) => ({ authorization: `Bearer ${await sign(c)}`, 'x-forwarded-for': childAddress(n * REQUESTS + i), 'idempotency-key': `bench-${c.invitationId}` })),
    );
    // Warm up connections and caches with a few submissions of the same shape (not counted).
    const warm = await seedInvitations(responsesDb, 50);
    const warmHeaders = await Promise.all(warm.children.map(async (c, i) => ({ authorization: `Bearer ${await sign(c)}`, 'x-forwarded-for': childAddress(900_000 + n * 50 + i), 'idempotency-key': `warm-${c.invitationId}` })));
    await runLoad(url, body, (i) => warmHeaders[i] as Record<string, string>, 50, 8);

    const profiling = PROFILE_DIR && n === 0;
    const since = Date.now();
    if (profiling) signalServices();
    const before = snapshot();
    const { ackedAt, ...load } = await runLoad(url, body, (i) => headers[i] as Record<string, string>, REQUESTS, concurrency);
    const fresh = await freshness(children.map((c) => c.invitationId), ackedAt);
    // CPU until the consumers are done with this load: what one submission costs the whole machine.
    const cpu = cpuPerSubmission(before, snapshot(), REQUESTS);
    if (profiling) signalServices();
    runs.push({ ...load, freshnessMs: fresh, cpuMsPerSubmission: cpu, ...(profiling ? { cpuProfile: await profileSummary(since, REQUESTS) } : {}) });
    lastChild = children[children.length - 1] as { invitationId: string };
    console.error(`concurrency ${concurrency}: ${load.perSecond}/s, p99 ${load.p99} ms, freshness p95 ${fresh.p95} ms`);
  }
  const pg = await ceiling(responsesDb, lastChild, CONCURRENCIES);
  await responsesDb.end();
  const goal = { perSecond: 1000, p99Ms: 100, freshnessP95Ms: 1000 };
  console.log(
    JSON.stringify(
      {
        benchmark: 'child submissions through the public path (30 answers each)',
        goal,
        runs: runs.map((r, i) => ({
          ...r,
          ceiling: pg[i],
          ratioToCeiling: round(r.perSecond / (pg[i]?.tps ?? NaN), 3),
          meetsGoal: r.perSecond >= goal.perSecond && r.p99 <= goal.p99Ms && (r.freshnessMs as { p95: number }).p95 <= goal.freshnessP95Ms,
        })),
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
