import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The test profile's settings (infra/env/test.env), the same file the stack was started with. */
function loadEnv(): Record<string, string> {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'infra', 'env', 'test.env'), 'utf8');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

export const testEnv = loadEnv();
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const GATEWAY = `http://127.0.0.1:${testEnv['GATEWAY_PORT']}`;
export const KEYCLOAK = 'http://localhost:8080';
export const TOPIC_PREFIX = testEnv['KAFKA_TOPIC_PREFIX'] ?? '';
export const KAFKA_BROKERS = (testEnv['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

export function dbUrl(service: string): string {
  return `postgresql://postgres@127.0.0.1:5432/delaktig_${service.replace(/-/g, '_')}${testEnv['DB_SUFFIX'] ?? ''}`;
}
