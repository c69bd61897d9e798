import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './support/api';
import { REPO_ROOT, testEnv } from './support/env';

/** A client that sends too much gets 429 with a reason and a time to wait, not a failure. */
describe('rate limit', () => {
  const port = 4990;
  let gateway: ChildProcess;

  beforeAll(async () => {
    const svc = (p: string | undefined) => `http://127.0.0.1:${p}`;
    gateway = spawn('node', [join(REPO_ROOT, 'dist', 'gateway', 'main.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '5',
        INTERNAL_TOKEN_SECRET: testEnv['INTERNAL_TOKEN_SECRET'] as string,
        KEYCLOAK_ISSUER_URL: testEnv['KEYCLOAK_ISSUER_URL'] as string,
        IDENTITY_URL: svc(testEnv['IDENTITY_PORT']),
        SURVEY_DELIVERY_URL: svc(testEnv['SURVEY_DELIVERY_PORT']),
        RESPONSES_URL: svc(testEnv['RESPONSES_PORT']),
        STATISTICS_URL: svc(testEnv['STATISTICS_PORT']),
        AUDIT_URL: svc(testEnv['AUDIT_PORT']),
      },
      stdio: 'ignore',
    });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health/live`)).ok || undefined, 20_000, 'the rate-limited gateway');
  });
  afterAll(() => {
    gateway.kill('SIGTERM');
  });

  it('answers 429 with a problem and Retry-After once the per-minute limit is used up', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 8; i++) {
      last = await fetch(`http://127.0.0.1:${port}/api/v1/me`);
      statuses.push(last.status);
    }
    // Health probes are not counted; 5 requests a minute are allowed.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(last?.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last?.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });
});
