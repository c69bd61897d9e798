import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './support/api';
import { REPO_ROOT, testEnv } from './support/env';
import { spawnGateway } from './support/gateway-process';

/**
 * Development tracing lands in the local Zipkin (infra/zipkin.sh, started by infra/up.sh): a
 * gateway started with the development profile's trace settings (infra/env/dev.env:
 * OTEL_TRACES_EXPORTER=zipkin, OTEL_EXPORTER_ZIPKIN_ENDPOINT) continues a caller's W3C
 * traceparent, and the trace is found through Zipkin's query API — what a developer sees at
 * http://localhost:9411. The browsers of the development profile post their spans to the same
 * Zipkin from their own origins (CORS). The gateway is a process of its own
 * (dist/gateway/main.js) in front of the test stack's services.
 */

function profileEnv(profile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(REPO_ROOT, 'infra', 'env', `${profile}.env`), 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

const dev = profileEnv('dev');
const ZIPKIN_ENDPOINT = dev['OTEL_EXPORTER_ZIPKIN_ENDPOINT'] ?? '';
const ZIPKIN = ZIPKIN_ENDPOINT ? new URL(ZIPKIN_ENDPOINT).origin : '';
/** The origins of the development staff UI and child app (their config.json has telemetryUrl = Zipkin). */
const BROWSER_ORIGINS = [`http://localhost:${dev['STAFF_PORT']}`, `http://localhost:${dev['CHILD_PORT']}`];

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  kind?: 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  name?: string;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');


/** The spans Zipkin holds for a trace (404 until the first of them has arrived). */
async function trace(traceId: string): Promise<ZipkinSpan[]> {
  const res = await fetch(`${ZIPKIN}/api/v2/trace/${traceId}`);
  return res.ok ? ((await res.json()) as ZipkinSpan[]) : [];
}

let gateway: ChildProcess | undefined;

afterAll(() => {
  gateway?.kill('SIGTERM');
});

describe('development tracing into the local Zipkin', () => {
  beforeAll(async () => {
    expect(dev['OTEL_TRACES_EXPORTER']).toBe('zipkin');
    expect(ZIPKIN_ENDPOINT).toMatch(/\/api\/v2\/spans$/);
    const health = await fetch(`${ZIPKIN}/health`).catch((e: Error) => {
      throw new Error(`Zipkin is not running at ${ZIPKIN} (${e.message}); start it with infra/zipkin.sh start (infra/up.sh does)`);
    });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'UP' });
  });

  it("finds a request's trace in Zipkin: the gateway's server span under the caller's span, and its call to identity", async () => {
    const started = await spawnGateway({
      NODE_ENV: 'development',
      // The development profile's trace settings, and quick export for the test.
      OTEL_TRACES_EXPORTER: dev['OTEL_TRACES_EXPORTER'] as string,
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: ZIPKIN_ENDPOINT,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    gateway = started.process;
    const { port, base } = started;
    await waitFor(async () => (await fetch(`${base}/api/health/ready`)).ok, 60_000, `the gateway on :${port}`);

    const traceId = hex(16);
    const callerSpanId = hex(8);
    // A public route the gateway answers by calling identity.
    const res = await fetch(`${base}/api/v1/child/session/methods`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify({ token: 'zipkin-trace-test' }),
    });
    expect(res.status).toBe(200);

    const spans = await waitFor(
      async () => {
        const all = await trace(traceId);
        const server = all.find((s) => s.kind === 'SERVER' && s.parentId === callerSpanId);
        return server && all.some((s) => s.kind === 'CLIENT') ? all : undefined;
      },
      30_000,
      `trace ${traceId} with the gateway's server and client spans in Zipkin (${ZIPKIN})`,
    );
    const server = spans.find((s) => s.kind === 'SERVER' && s.parentId === callerSpanId) as ZipkinSpan;
    expect(server).toMatchObject({ traceId, localEndpoint: { serviceName: 'gateway' } });
    expect(server.name).toMatch(/^post\b/i);
    expect(server.tags?.['http.route'] ?? server.tags?.['url.path'] ?? server.name).toContain('/api/v1/child/session/methods');
    // The gateway's call to identity is part of the same trace, under the server span.
    const ids = new Set(spans.map((s) => s.id));
    const client = spans.find((s) => s.kind === 'CLIENT' && s.localEndpoint?.serviceName === 'gateway');
    expect(client?.parentId && ids.has(client.parentId)).toBe(true);
    expect(JSON.stringify(client?.tags ?? {})).toContain(`:${testEnv['IDENTITY_PORT']}`);
  });

  it("lets the development browsers post spans from their origins (CORS preflight), and no other origin", async () => {
    for (const origin of BROWSER_ORIGINS) {
      const preflight = await fetch(ZIPKIN_ENDPOINT, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect({ origin, status: preflight.status }).toEqual({ origin, status: 200 });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-methods')?.toUpperCase()).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    }
    const foreign = await fetch(ZIPKIN_ENDPOINT, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    // The post itself, as the browser exporter sends it (Zipkin JSON v2 by XMLHttpRequest).
    const traceId = hex(16);
    const now = Date.now() * 1000;
    const posted = await fetch(ZIPKIN_ENDPOINT, {
      method: 'POST',
      headers: { origin: BROWSER_ORIGINS[1] as string, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify([{ traceId, id: hex(8), kind: 'CLIENT', name: 'post', timestamp: now, duration: 1500, localEndpoint: { serviceName: 'child-web' } }]),
    });
    expect(posted.status).toBe(202);
    expect(posted.headers.get('access-control-allow-origin')).toBe(BROWSER_ORIGINS[1]);
    const stored = await waitFor(async () => ((await trace(traceId)).length ? trace(traceId) : undefined), 10_000, `span of trace ${traceId}`);
    expect(stored[0]).toMatchObject({ traceId, localEndpoint: { serviceName: 'child-web' } });
  });
});
