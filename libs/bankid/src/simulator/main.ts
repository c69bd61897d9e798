/**
 * Starts the BankID simulator for local development:
 *   npx ts-node --transpile-only libs/bankid/src/simulator/main.ts
 *
 * Settings: BANKID_SIM_PORT (default 3201), BANKID_SIM_HOST (default 127.0.0.1),
 * BANKID_SIM_RATE_LIMIT (requests per second, default unlimited), and for HTTPS with
 * client certificates BANKID_SIM_TLS_CERT, BANKID_SIM_TLS_KEY, BANKID_SIM_TLS_CA
 * (PEM file paths) and BANKID_SIM_REQUIRE_CLIENT_CERT=true.
 */
import { readFileSync } from 'node:fs';
import { createBankIdSimulator } from './simulator';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env['BANKID_SIM_PORT'] ?? 3201);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('BANKID_SIM_PORT must be a port number');
  const rate = env['BANKID_SIM_RATE_LIMIT'] ? Number(env['BANKID_SIM_RATE_LIMIT']) : undefined;
  const certPath = env['BANKID_SIM_TLS_CERT'];
  const keyPath = env['BANKID_SIM_TLS_KEY'];
  const caPath = env['BANKID_SIM_TLS_CA'];

  const simulator = await createBankIdSimulator({
    port,
    host: env['BANKID_SIM_HOST'] || '127.0.0.1',
    rateLimitPerSecond: rate && rate > 0 ? rate : undefined,
    tls:
      certPath && keyPath
        ? {
            cert: readFileSync(certPath),
            key: readFileSync(keyPath),
            ca: caPath ? readFileSync(caPath) : undefined,
            requireClientCert: env['BANKID_SIM_REQUIRE_CLIENT_CERT'] === 'true',
          }
        : undefined,
    log: (line) => console.log(`[bankid-sim] ${line}`),
  });
  console.log(`[bankid-sim] RP API: ${simulator.apiUrl}  test app: ${simulator.url}/`);

  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`[bankid-sim] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
