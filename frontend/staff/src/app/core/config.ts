import { InjectionToken } from '@angular/core';

/**
 * Runtime configuration, fetched from `/config.json` before the app starts.
 * Docker / k8s overwrite that file per environment, so URLs live nowhere else.
 */
export interface AppConfig {
  gatewayUrl: string;
  /** Base URL of the child app; the questionnaire editor shows its `#/preview` in a phone frame. Optional: without it there is no preview. */
  childAppUrl?: string;
  /** Base URL of an OTLP/HTTP collector (or Zipkin); when set, the browser's calls to the gateway are traced (W3C traceparent). */
  telemetryUrl?: string;
  /** Protocol of telemetryUrl: `otlp` (default) or `zipkin` (the local Zipkin in development). */
  telemetryFormat?: 'otlp' | 'zipkin';
  keycloak: {
    url: string;
    realm: string;
    clientId: string;
    /** Keycloak identity provider to go straight to (kc_idp_hint); staff sign in with BankID. */
    idpHint: string;
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
  const childAppUrl = record['childAppUrl'];
  const telemetryUrl = record['telemetryUrl'];
  const telemetryFormat = record['telemetryFormat'];
  if (telemetryFormat !== undefined && telemetryFormat !== null && telemetryFormat !== '' && telemetryFormat !== 'otlp' && telemetryFormat !== 'zipkin') {
    throw new Error('config.json: "telemetryFormat" must be "otlp" or "zipkin"');
  }
  return {
    gatewayUrl: requireString(record['gatewayUrl'], 'gatewayUrl').replace(/\/+$/, ''),
    ...(childAppUrl === undefined || childAppUrl === null || childAppUrl === ''
      ? {}
      : { childAppUrl: requireString(childAppUrl, 'childAppUrl').replace(/\/+$/, '') }),
    ...(telemetryUrl === undefined || telemetryUrl === null || telemetryUrl === ''
      ? {}
      : { telemetryUrl: requireString(telemetryUrl, 'telemetryUrl').replace(/\/+$/, '') }),
    ...(telemetryFormat === 'zipkin' || telemetryFormat === 'otlp' ? { telemetryFormat } : {}),
    keycloak: {
      url: requireString(keycloak['url'], 'keycloak.url').replace(/\/+$/, ''),
      realm: requireString(keycloak['realm'], 'keycloak.realm'),
      clientId: requireString(keycloak['clientId'], 'keycloak.clientId'),
      idpHint: keycloak['idpHint'] === undefined ? 'bankid' : requireString(keycloak['idpHint'], 'keycloak.idpHint'),
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
