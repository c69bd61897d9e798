/**
 * Staff access tokens without passwords: the real sign-in, played headlessly.
 *
 *   Keycloak /auth (code + PKCE S256, kc_idp_hint=bankid) → broker `bankid` → identity /oidc
 *   → BankID login page: start the order → the phone (BankID simulator: scan the QR frame,
 *   approve as the person) → collect → back through Keycloak (first-broker-login links the
 *   existing user) → authorization code → token.
 *
 * Used by the integration tests (tests/integration/support/api.ts `tokenFor`), bench/,
 * tools/ and `infra/keycloak.sh token`. Tokens are cached per profile in
 * `.run/<profile>/staff-tokens.json` (refreshed with the refresh token, signed in again when
 * that fails or the realm was re-imported), so a test run signs each user in about once.
 * Plain Node (fetch), no test framework.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_STAFF } from '../../services/identity/src/staff/demo-staff';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Where one profile's stack is (from infra/env/<profile>.env, as infra/services.sh reads it). */
export interface SignInTarget {
  profile: string;
  keycloakUrl: string;
  realm: string;
  clientId: string;
  /** The staff UI's start page: the redirect URI registered for the client. */
  redirectUri: string;
  /** The BankID simulator (the "phone"). */
  simulatorUrl: string;
}

export interface StaffTokens {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  /** Epoch ms. */
  accessExpires: number;
  refreshExpires: number;
}

/** A sign-in that ended on a page instead of with a code: the Swedish message the user reads. */
export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'SignInRefused';
  }
}

export function readProfileEnv(profile: string): Record<string, string> {
  const text = readFileSync(join(REPO_ROOT, 'infra', 'env', `${profile}.env`), 'utf8');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

/** The realm of a profile: KEYCLOAK_REALM, else `delaktig` (dev) / `delaktig-<profile>` (infra/lib.sh). */
export function realmOf(profile: string, env: Record<string, string>): string {
  return env['KEYCLOAK_REALM'] || (profile === 'dev' ? 'delaktig' : `delaktig-${profile}`);
}

export function targetOf(profile: string): SignInTarget {
  const env = readProfileEnv(profile);
  return {
    profile,
    keycloakUrl: (env['KEYCLOAK_URL'] || 'http://localhost:8080').replace(/\/+$/, ''),
    realm: realmOf(profile, env),
    clientId: 'delaktig-staff',
    redirectUri: `http://localhost:${env['STAFF_PORT'] || '4200'}/`,
    simulatorUrl: `http://127.0.0.1:${env['BANKID_SIM_PORT'] || '3201'}`,
  };
}

/** The simulator's test person registered for a demo Keycloak user (services/identity demo-staff.ts). */
export function demoPersonalNumber(username: string): string {
  const staff = DEMO_STAFF.find((s) => s.keycloakUsername === username);
  if (!staff) throw new Error(`${username} is not a demo staff member (services/identity/src/staff/demo-staff.ts)`);
  return staff.personalNumber;
}

/** A browser without a window: cookies per host, redirects followed by hand. */
export class HeadlessBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.host) ?? new Map<string, string>();
    this.jars.set(target.host, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01.jan.1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until `stop(url)` or a page that is not a redirect. */
  async follow(url: string, stop: (u: URL) => boolean, init: RequestInit = {}): Promise<{ url: URL; res?: Response }> {
    let next = new URL(url);
    let req = init;
    for (let i = 0; i < 20; i++) {
      if (stop(next)) return { url: next };
      const res = await this.fetch(next.href, req);
      req = {};
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        next = new URL(res.headers.get('location') as string, next);
        continue;
      }
      return { url: next, res };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

type LoginView = { state: string; qr?: string; message?: string; reason?: string; redirectTo?: string; hintCode?: string };

const b64url = (b: Buffer) => b.toString('base64url');

/** Visible text of an HTML page (for the message a refused user reads). */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

async function simulator(target: SignInTarget, path: string, body: object): Promise<any> {
  const res = await fetch(`${target.simulatorUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`BankID simulator ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Signs in as the person with `personalNumber` (their BankID) and returns Keycloak's tokens.
 * Throws SignInRefused with the page's message when identity or Keycloak refuses.
 */
export async function signInWithBankId(target: SignInTarget, personalNumber: string): Promise<StaffTokens> {
  const browser = new HeadlessBrowser();
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(12));
  const auth = new URL(`${target.keycloakUrl}/realms/${encodeURIComponent(target.realm)}/protocol/openid-connect/auth`);
  auth.search = new URLSearchParams({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope: 'openid',
    state,
    nonce: b64url(randomBytes(12)),
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    kc_idp_hint: 'bankid',
    ui_locales: 'sv',
  }).toString();
  const isCallback = (u: URL) => u.href.startsWith(target.redirectUri);

  // Keycloak → broker → identity's BankID page.
  const landed = await browser.follow(auth.href, isCallback);
  if (!landed.res || !/\/oidc\/interaction\/[^/]+$/.test(landed.url.pathname)) {
    const text = landed.res ? pageText(await landed.res.text()) : '';
    throw new Error(`expected the BankID login page, got ${landed.res?.status ?? 'redirect'} at ${landed.url.href}: ${text.slice(0, 300)}`);
  }
  const page = landed.url.href;
  const json = async (path: string, method = 'GET'): Promise<LoginView> => {
    const res = await browser.fetch(`${page}${path}`, {
      method,
      headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      body: method === 'POST' ? '{}' : undefined,
    });
    if (res.status !== 200) throw new Error(`BankID login ${path}: HTTP ${res.status}`);
    return (await res.json()) as LoginView;
  };

  // Start BankID; the phone scans the QR frame on the page and the person identifies.
  // A transient failure shows "Försök igen" on the page; press it, as a person would.
  let view = await json('/start', 'POST');
  for (let attempt = 1; view.state === 'failed' && attempt < 3; attempt++) {
    await new Promise((r) => setTimeout(r, 500 * attempt));
    view = await json('/start', 'POST');
  }
  if (view.state !== 'pending' || !view.qr) throw new Error(`BankID did not start: ${JSON.stringify(view)}`);
  const scanned = await simulator(target, '/sim/scan', { qr: view.qr, personalNumber });
  await simulator(target, `/sim/orders/${encodeURIComponent(scanned.orderRef)}/approve`, { personalNumber });

  const started = Date.now();
  while (view.state === 'pending') {
    if (Date.now() - started > 20_000) throw new Error('BankID sign-in still pending after 20 s');
    await new Promise((r) => setTimeout(r, 300));
    view = await json('/status');
  }
  if (view.state === 'refused') throw new SignInRefused(view.message ?? 'refused', view.reason ?? 'refused');
  if (view.state !== 'complete' || !view.redirectTo) throw new Error(`BankID sign-in ended ${JSON.stringify(view)}`);

  // identity → Keycloak broker endpoint → first-broker-login (link) → the app's redirect URI.
  const back = await browser.follow(new URL(view.redirectTo, page).href, isCallback);
  if (back.res) {
    // Keycloak's error page: the message is in #kc-error-message (else the whole page's text).
    const html = await back.res.text();
    const message = /id="kc-error-message"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
    throw new SignInRefused(pageText(message ?? html) || `HTTP ${back.res.status} at ${back.url.href}`, 'keycloak');
  }
  const error = back.url.searchParams.get('error');
  if (error) throw new SignInRefused(back.url.searchParams.get('error_description') ?? error, error);
  if (back.url.searchParams.get('state') !== state) throw new Error('state mismatch on the callback');
  const code = back.url.searchParams.get('code');
  if (!code) throw new Error(`no code on the callback ${back.url.href}`);
  return tokenRequest(target, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: target.redirectUri,
    code_verifier: verifier,
  });
}

async function tokenRequest(target: SignInTarget, params: Record<string, string>): Promise<StaffTokens> {
  const res = await fetch(`${target.keycloakUrl}/realms/${encodeURIComponent(target.realm)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: target.clientId, ...params }),
  });
  if (!res.ok) throw new Error(`Keycloak token endpoint (${params['grant_type']}): ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { access_token: string; refresh_token: string; id_token?: string; expires_in: number; refresh_expires_in: number };
  const now = Date.now();
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    idToken: body.id_token ?? '',
    accessExpires: now + body.expires_in * 1000,
    refreshExpires: now + (body.refresh_expires_in || 0) * 1000,
  };
}

export function refreshTokens(target: SignInTarget, refreshToken: string): Promise<StaffTokens> {
  return tokenRequest(target, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

// ---- cached tokens per profile and user -------------------------------------------------------

interface CacheEntry extends StaffTokens {
  /** The realm's public key when the tokens were issued: a re-imported realm invalidates them. */
  realmKey: string;
}

const memory = new Map<string, CacheEntry>();
const realmKeys = new Map<string, string>();
const MIN_VALIDITY_MS = 60_000;

function cacheFile(profile: string): string {
  return join(process.env['DELAKTIG_RUN_DIR'] ?? join(REPO_ROOT, '.run'), profile, 'staff-tokens.json');
}

function readCache(profile: string): Record<string, CacheEntry> {
  try {
    return JSON.parse(readFileSync(cacheFile(profile), 'utf8')) as Record<string, CacheEntry>;
  } catch {
    return {};
  }
}

function writeCache(profile: string, username: string, entry: CacheEntry): void {
  const file = cacheFile(profile);
  try {
    mkdirSync(dirname(file), { recursive: true });
    const all = readCache(profile);
    all[username] = entry;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    /* the cache is only an optimisation */
  }
}

async function realmKey(target: SignInTarget): Promise<string> {
  const known = realmKeys.get(target.profile);
  if (known) return known;
  const res = await fetch(`${target.keycloakUrl}/realms/${encodeURIComponent(target.realm)}`);
  if (!res.ok) throw new Error(`Keycloak realm ${target.realm} at ${target.keycloakUrl}: HTTP ${res.status} (infra/services.sh start ${target.profile} imports it)`);
  const key = ((await res.json()) as { public_key?: string }).public_key ?? '';
  realmKeys.set(target.profile, key);
  return key;
}

/**
 * A valid access token (≥ 60 s left) for a demo staff member of the profile, signed in with
 * the simulated BankID of their demo personal number; cached in memory and on disk.
 */
export function staffToken(username: string, profile: string): Promise<string> {
  // One sign-in at a time (callers often ask for several users at once): like people at
  // one computer, and gentle on a busy machine.
  const next = queue.then(() => cachedOrNewToken(username, profile));
  queue = next.catch(() => undefined);
  return next;
}

let queue: Promise<unknown> = Promise.resolve();

async function cachedOrNewToken(username: string, profile: string): Promise<string> {
  const target = targetOf(profile);
  const id = `${profile}:${username}`;
  const now = Date.now();
  const inMemory = memory.get(id);
  if (inMemory && inMemory.accessExpires > now + MIN_VALIDITY_MS) return inMemory.accessToken;

  const key = await realmKey(target);
  let entry: CacheEntry | undefined = inMemory ?? readCache(profile)[username];
  if (entry && entry.realmKey !== key) entry = undefined;
  if (entry && entry.accessExpires <= now + MIN_VALIDITY_MS) {
    entry = entry.refreshExpires > now + 5_000 ? await refreshTokens(target, entry.refreshToken).then((t) => ({ ...t, realmKey: key }), () => undefined) : undefined;
    if (entry) writeCache(profile, username, entry);
  }
  if (!entry) {
    entry = { ...(await signInWithBankId(target, demoPersonalNumber(username))), realmKey: key };
    writeCache(profile, username, entry);
  }
  memory.set(id, entry);
  return entry.accessToken;
}
