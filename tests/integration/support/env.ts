import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realmOf } from '../../support/staff-sign-in';

/**
 * The settings of the profile the stack was started with (infra/env/<DELAKTIG_PROFILE>.env,
 * default `test`), so the tests talk to the same ports, databases and topics.
 */
export const PROFILE = process.env['DELAKTIG_PROFILE'] ?? 'test';
function loadEnv(): Record<string, string> {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'infra', 'env', `${PROFILE}.env`), 'utf8');
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
export const KEYCLOAK = testEnv['KEYCLOAK_URL'] ?? 'http://localhost:8080';
/** The profile's own realm on the shared Keycloak (infra/keycloak.sh realm <profile>). */
export const REALM = realmOf(PROFILE, testEnv);
export const TOPIC_PREFIX = testEnv['KAFKA_TOPIC_PREFIX'] ?? '';
export const KAFKA_BROKERS = (testEnv['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

export function dbUrl(service: string): string {
  return `postgresql://postgres@127.0.0.1:5432/delaktig_${service.replace(/-/g, '_')}${testEnv['DB_SUFFIX'] ?? ''}`;
}
