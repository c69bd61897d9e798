/**
 * Benchmark: invitations created through the public path (gateway → token check →
 * survey-delivery → PostgreSQL + outbox → Kafka → statistics and audit).
 * Prints throughput, latency percentiles and how long until statistics shows them.
 *   npm run bench:invitations -- [--profile dev|test] [--requests 2000] [--concurrency 32]
 * Runs against a started stack (npm start, or infra/services.sh start test).
 */
import { staffToken } from '../tests/support/staff-sign-in';
import { benchArgs, profileEnv } from './profile';

const args = benchArgs();
const profile = args['profile'] || 'test';
const env = profileEnv(profile);
const GATEWAY = `http://127.0.0.1:${env['GATEWAY_PORT']}`;
const REQUESTS = Number(args['requests'] ?? 2000);
const CONCURRENCY = Number(args['concurrency'] ?? 32);

/** The caseworker signs in with the simulated BankID (tests/support/staff-sign-in.ts); no passwords. */
function token(): Promise<string> {
  return staffToken('handlaggare.skarpnack', profile);
}

async function count(bearer: string): Promise<number> {
  const r = await fetch(`${GATEWAY}/api/v1/statistics/participation`, { headers: { authorization: `Bearer ${bearer}` } });
  return ((await r.json()) as { invitationsCreated: number }).invitationsCreated;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const bearer = await token();
  const before = await count(bearer);
  const year = new Date().getUTCFullYear();
  const latencies: number[] = [];
  let failures = 0;
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        const r = await fetch(`${GATEWAY}/api/v1/invitations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({ caseReference: `BENCH-${i}`, birthYear: year - 9, ageBand: '6-11', channel: 'sms', phone: '070-123 45 67' }),
        });
        await r.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status !== 201) failures++;
      }
    }),
  );
  const doneAt = performance.now();
  const seconds = (doneAt - started) / 1000;
  let visibleAfter = NaN;
  for (;;) {
    const n = await count(bearer);
    if (n >= before + REQUESTS - failures) {
      visibleAfter = performance.now() - doneAt;
      break;
    }
    if (performance.now() - doneAt > 60_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  latencies.sort((a, b) => a - b);
  const out = {
    profile,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    failures,
    statuses,
    throughputPerSecond: Math.round(REQUESTS / seconds),
    latencyMs: { p50: +pct(latencies, 50).toFixed(1), p95: +pct(latencies, 95).toFixed(1), p99: +pct(latencies, 99).toFixed(1), max: +(latencies.at(-1) ?? NaN).toFixed(1) },
    allVisibleInStatisticsAfterLastAckMs: Math.round(visibleAfter),
  };
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
