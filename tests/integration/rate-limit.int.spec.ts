import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { waitFor } from './support/api';
import { freePort, spawnGateway } from './support/gateway-process';

/**
 * A client that sends too much gets 429 with a reason and a time to wait, not a failure — also
 * when its requests are spread over several gateway replicas (counters shared in Redis, ADR 0020),
 * and it cannot escape its bucket by sending X-Forwarded-For unless it comes through a trusted proxy.
 * Every gateway here is a real process of its own (dist/gateway/main.js) with a low limit.
 */

/** The machine's Redis (the test kind runs one on 127.0.0.1:6379); this run's keys carry their own prefix. */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379/0';
const RUN_PREFIX = `test:ratelimit:${randomUUID()}:`;
const LIMIT = 5;

const gateways: ChildProcess[] = [];

/** Starts a gateway with RATE_LIMIT_PER_MINUTE=5 and `env`; resolves with its base URL once live. */
async function startGateway(env: Record<string, string>, store: 'memory' | 'redis' | 'memory-fallback'): Promise<string> {
  const { process: gateway, port, base } = await spawnGateway({ RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env });
  gateways.push(gateway);
  // Ready and counting where it should (with Redis: connected, so no request is counted locally).
  await waitFor(
    async () => {
      const r = await fetch(`${base}/api/health/ready`);
      return r.ok && ((await r.json()) as { rateLimitStore: string }).rateLimitStore === store;
    },
    60_000, // start-up takes seconds, more on a busy machine
    `a rate-limited gateway on :${port} counting in ${store}`,
  );
  return base;
}

const me = (base: string, forwardedFor?: string) => fetch(`${base}/api/v1/me`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

async function expectRateLimitedProblem(res: Response | undefined) {
  expect(res?.status).toBe(429);
  expect(res?.headers.get('content-type')).toContain('application/problem+json');
  expect(Number(res?.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await res?.json()) as { type: string; title: string; status: number; code: string };
  expect(body).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
}

afterAll(async () => {
  for (const g of gateways) g.kill('SIGTERM');
  // This run's counters (they would expire within a minute anyway).
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${RUN_PREFIX}*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
});

describe('rate limit', () => {
  it('answers 429 with a problem and Retry-After once the per-minute limit is used up (one process, counters in memory)', async () => {
    const base = await startGateway({}, 'memory');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 8; i++) {
      last = await me(base);
      statuses.push(last.status);
    }
    // Health probes are not counted; 5 requests a minute are allowed.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    await expectRateLimitedProblem(last);
  });

  it('holds the limit across two gateway replicas that share Redis: requests split between them get 429 after 5 in total', async () => {
    const shared = { REDIS_URL, RATE_LIMIT_KEY_PREFIX: `${RUN_PREFIX}replicas:` };
    const [a, b] = await Promise.all([startGateway(shared, 'redis'), startGateway(shared, 'redis')]);
    const answers: { replica: 'a' | 'b'; status: number }[] = [];
    let lastOfEach: Record<'a' | 'b', Response | undefined> = { a: undefined, b: undefined };
    for (let i = 0; i < 10; i++) {
      const replica = i % 2 === 0 ? 'a' : 'b';
      const res = await me(replica === 'a' ? a : b);
      answers.push({ replica, status: res.status });
      lastOfEach = { ...lastOfEach, [replica]: res };
    }
    // Each replica alone would have allowed 5 (10 in all); together they allow 5.
    expect(answers.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    await expectRateLimitedProblem(lastOfEach.a);
    await expectRateLimitedProblem(lastOfEach.b);
  });

  it('never fails a request when Redis is unreachable: each replica counts in memory, and stays ready', async () => {
    const base = await startGateway({ REDIS_URL: `redis://127.0.0.1:${await freePort()}/0`, RATE_LIMIT_KEY_PREFIX: `${RUN_PREFIX}down:` }, 'memory-fallback');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await me(base)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', rateLimitStore: 'memory-fallback' });
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy: a forged header lands in the same bucket as none', async () => {
    // Loopback (where this test connects from) is not a trusted proxy here.
    const base = await startGateway({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: `${RUN_PREFIX}untrusted:`, TRUSTED_PROXIES: '10.0.0.1' }, 'redis');
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT; i++) statuses.push((await me(base, `198.51.100.${i}`)).status);
    statuses.push((await me(base)).status);
    const forged = await me(base, '198.51.100.99');
    statuses.push(forged.status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    await expectRateLimitedProblem(forged);
  });

  it('believes X-Forwarded-For through a trusted proxy (TRUSTED_PROXIES=loopback): the client behind it gets its own bucket', async () => {
    const base = await startGateway({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: `${RUN_PREFIX}trusted:`, TRUSTED_PROXIES: 'loopback' }, 'redis');
    const proxy: number[] = [];
    for (let i = 0; i <= LIMIT; i++) proxy.push((await me(base)).status);
    expect(proxy).toEqual([401, 401, 401, 401, 401, 429]); // the proxy's own requests: its bucket is used up
    const client: number[] = [];
    for (let i = 0; i <= LIMIT; i++) client.push((await me(base, '198.51.100.7')).status);
    expect(client).toEqual([401, 401, 401, 401, 401, 429]); // the client behind it: a bucket of its own
    // What the client itself put in front of the proxy's entry does not count: the last untrusted hop does.
    const spoofed = await me(base, '203.0.113.50, 198.51.100.7');
    await expectRateLimitedProblem(spoofed);
    expect((await me(base, '198.51.100.8')).status).toBe(401);
  });
});
