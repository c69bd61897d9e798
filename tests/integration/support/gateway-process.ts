import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT, testEnv } from './env';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A gateway process of a test's own (dist/gateway/main.js) on a free port, in front of the test
 * stack's services, with `env` over the test profile's essentials (secrets, issuer, upstreams).
 */
export async function spawnGateway(env: Record<string, string>): Promise<{ process: ChildProcess; port: number; base: string }> {
  const port = await freePort();
  const svc = (p: string | undefined) => `http://127.0.0.1:${p}`;
  const child = spawn('node', [join(REPO_ROOT, 'dist', 'gateway', 'main.js')], {
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      INTERNAL_TOKEN_SECRET: testEnv['INTERNAL_TOKEN_SECRET'] as string,
      KEYCLOAK_ISSUER_URL: testEnv['KEYCLOAK_ISSUER_URL'] as string,
      IDENTITY_URL: svc(testEnv['IDENTITY_PORT']),
      SURVEY_DELIVERY_URL: svc(testEnv['SURVEY_DELIVERY_PORT']),
      RESPONSES_URL: svc(testEnv['RESPONSES_PORT']),
      STATISTICS_URL: svc(testEnv['STATISTICS_PORT']),
      AUDIT_URL: svc(testEnv['AUDIT_PORT']),
      ...env,
    },
    stdio: 'ignore',
  });
  return { process: child, port, base: `http://127.0.0.1:${port}` };
}
