import { Client } from 'pg';
import { staffToken } from '../../support/staff-sign-in';
import { dbUrl, GATEWAY, PROFILE } from './env';

/**
 * A real access token from Keycloak for a demo staff member, signed in the way staff sign in:
 * Keycloak → BankID broker → identity's BankID page → the simulator approves as the user's
 * demo person (tests/support/staff-sign-in.ts). Cached per profile (memory and .run/).
 */
export function tokenFor(username: string): Promise<string> {
  return staffToken(username, PROFILE);
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  const res = await fetch(`${GATEWAY}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export async function withDb<T>(service: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: dbUrl(service) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let seq = 0;
export function caseRef(prefix = 'T'): string {
  return `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`.toUpperCase();
}

export function validInvitation(overrides: Record<string, unknown> = {}) {
  return { caseReference: caseRef(), birthYear: new Date().getUTCFullYear() - 9, ageBand: '6-11', channel: 'sms', phone: '070-123 45 67', ...overrides };
}
