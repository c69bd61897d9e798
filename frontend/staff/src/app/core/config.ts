import { InjectionToken } from '@angular/core';

/**
 * Runtime configuration, fetched from `/config.json` before the app starts.
 * Docker / k8s overwrite that file per environment, so URLs live nowhere else.
 */
export interface AppConfig {
  gatewayUrl: string;
  keycloak: {
    url: string;
    realm: string;
    clientId: string;
  };
}

export const APP_CONFIG = new InjectionToken<AppConfig>('APP_CONFIG');

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`config.json: "${name}" must be a non-empty string`);
  }
  return value.trim();
}

/** Validates the parsed JSON and strips trailing slashes from URLs. */
export function parseConfig(raw: unknown): AppConfig {
  if (typeof raw !== 'object' || raw === null) {
    throw new Error('config.json: expected an object');
  }
  const record = raw as Record<string, unknown>;
  const keycloak = (record['keycloak'] ?? {}) as Record<string, unknown>;
  return {
    gatewayUrl: requireString(record['gatewayUrl'], 'gatewayUrl').replace(/\/+$/, ''),
    keycloak: {
      url: requireString(keycloak['url'], 'keycloak.url').replace(/\/+$/, ''),
      realm: requireString(keycloak['realm'], 'keycloak.realm'),
      clientId: requireString(keycloak['clientId'], 'keycloak.clientId'),
    },
  };
}

export async function loadConfig(url = '/config.json'): Promise<AppConfig> {
  const response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`config.json: HTTP ${response.status}`);
  }
  return parseConfig(await response.json());
}
