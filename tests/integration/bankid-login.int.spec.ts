import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { KEYCLOAK, REALM, REPO_ROOT, testEnv } from './support/env';
import { withDb } from './support/api';

/**
 * Staff sign-in with BankID at the identity service's OpenID Connect provider, played the
 * way Keycloak and a browser would (without a browser): authorization request with PKCE,
 * the BankID login page and its JSON state, the phone (the simulator's app endpoints), the
 * code exchange and the ID token. Identity is internal; the gateway does not route /oidc.
 */
const ID = `http://127.0.0.1:${testEnv['IDENTITY_PORT']}`;
const SIM = `http://127.0.0.1:${testEnv['BANKID_SIM_PORT']}`;
const CLIENT_ID = 'delaktig-keycloak';
const CLIENT_SECRET = 'dev-only-keycloak-broker-secret-not-for-production';
// Keycloak's broker endpoint of this profile's realm (infra/services.sh registers it with identity).
const REDIRECT_URI = `${KEYCLOAK}/realms/${REALM}/broker/bankid/endpoint`;
const PIN_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';

// Simulator test persons (libs/bankid/src/simulator/test-persons.ts).
const SARA = '197803159826'; // handlaggare.skarpnack
const EMMA = '198909049861'; // handlaggare.norrmalm
const ANNA = '198504129829'; // not registered
const ERIK = '198112289874'; // deactivated (tidigare.skarpnack)
const MAJA = '200903219863'; // not registered

type View = { state: string; message?: string; reason?: string; qr?: string; qrSvg?: string; redirectTo?: string; hintCode?: string };

class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(new URL(url, ID), { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async json(url: string, method = 'GET'): Promise<View> {
    const res = await this.fetch(url, {
      method,
      headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as View;
  }
}

const b64url = (b: Buffer) => b.toString('base64url');

async function sim(path: string, body: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${SIM}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Keycloak sends the browser to the authorization endpoint; the provider sends it on to the BankID page. */
async function beginLogin() {
  const browser = new Browser();
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(12));
  const url = new URL(`${ID}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    scope: 'openid profile',
    redirect_uri: REDIRECT_URI,
    state,
    nonce: b64url(randomBytes(12)),
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();
  const res = await browser.fetch(url.toString());
  expect([302, 303]).toContain(res.status);
  const page = res.headers.get('location') ?? '';
  expect(page).toMatch(/\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
  return { browser, verifier, state, page: new URL(page, ID).pathname };
}

/** Starts the BankID order from the page and returns the first state (with the QR frame). */
async function startBankId(browser: Browser, page: string): Promise<View> {
  const html = await (await browser.fetch(page)).text();
  expect(html).toContain('Logga in med BankID');
  const view = await browser.json(`${page}/start`, 'POST');
  expect(view).toMatchObject({ state: 'pending', hintCode: 'outstandingTransaction', message: 'Starta BankID-appen.' });
  expect(view.qr).toMatch(/^bankid\.[0-9a-f-]+\.\d+\.[0-9a-f]{64}$/);
  expect(view.qrSvg).toContain('<svg');
  return view;
}

/** The phone: scans the QR frame currently on the page, then the person identifies. */
async function identifyWithPhone(browser: Browser, page: string, personalNumber: string): Promise<string> {
  const current = await browser.json(`${page}/status`);
  expect(current.qr).toBeDefined();
  const scanned = await sim('/sim/scan', { qr: current.qr, personalNumber });
  expect(scanned.status).toBe(200);
  const approved = await sim(`/sim/orders/${scanned.body.orderRef}/approve`, { personalNumber });
  expect(approved.status).toBe(200);
  return scanned.body.orderRef as string;
}

async function waitForFinalState(browser: Browser, page: string): Promise<View> {
  const started = Date.now();
  for (;;) {
    const view = await browser.json(`${page}/status`);
    if (view.state !== 'pending') return view;
    if (Date.now() - started > 15_000) throw new Error(`still pending: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Follows redirects (as the browser does) until the provider sends it back to Keycloak. */
async function followToRedirectUri(browser: Browser, url: string): Promise<URL> {
  let next = url;
  for (let i = 0; i < 10; i++) {
    const res = await browser.fetch(next);
    expect([302, 303]).toContain(res.status);
    const location = new URL(res.headers.get('location') ?? '', next.startsWith('http') ? next : ID);
    if (location.href.startsWith(REDIRECT_URI)) return location;
    next = location.href;
  }
  throw new Error('too many redirects');
}

describe('staff sign-in with BankID (identity as OpenID Connect provider)', () => {
  let issuer: string;

  beforeAll(async () => {
    const res = await fetch(`${ID}/oidc/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const discovery = (await res.json()) as Record<string, any>;
    issuer = discovery['issuer'];
    expect(issuer).toMatch(/\/oidc$/);
    expect(discovery['code_challenge_methods_supported']).toEqual(['S256']);
    expect(discovery['response_types_supported']).toEqual(['code']);
    expect(discovery['scopes_supported']).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(discovery['claims_supported']).toEqual(expect.arrayContaining(['preferred_username', PIN_CLAIM]));
  });

  it('signs in a registered caseworker: QR scanned, identified, code exchanged, ID token with username and personal identity number', async () => {
    const { browser, verifier, state, page } = await beginLogin();
    await startBankId(browser, page);
    await identifyWithPhone(browser, page, SARA);
    const final = await waitForFinalState(browser, page);
    expect(final.state).toBe('complete');

    const callback = await followToRedirectUri(browser, final.redirectTo!);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    // Keycloak's back channel: the code, the PKCE verifier and its client credentials.
    const tokenRes = await fetch(`${ID}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
    });
    expect(tokenRes.status).toBe(200);
    const tokens = (await tokenRes.json()) as { id_token: string; access_token: string };

    const jwks = createRemoteJWKSet(new URL(`${ID}/oidc/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, jwks, { issuer, audience: CLIENT_ID });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      preferred_username: 'handlaggare.skarpnack',
      name: 'Sara Lindqvist',
      given_name: 'Sara',
      family_name: 'Lindqvist',
      [PIN_CLAIM]: SARA,
    });
    const staff = await withDb('identity', (db) =>
      db.query(`SELECT id, pin_masked, status FROM staff_member WHERE keycloak_username = 'handlaggare.skarpnack'`),
    );
    expect(payload.sub).toBe(staff.rows[0].id);
    expect(staff.rows[0]).toMatchObject({ pin_masked: '19780315-****', status: 'active' });

    // The code works once.
    const again = await fetch(`${ID}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
    });
    expect(again.status).toBe(400);
  });

  it('refuses a person who is not registered, and creates nobody', async () => {
    const before = await withDb('identity', (db) => db.query('SELECT count(*)::int AS n FROM staff_member'));
    const { browser, page } = await beginLogin();
    await startBankId(browser, page);
    await identifyWithPhone(browser, page, ANNA);
    const final = await waitForFinalState(browser, page);
    expect(final).toMatchObject({ state: 'refused', reason: 'not_registered' });
    expect(final.message).toMatch(/^Du är inte registrerad i Delaktig/);
    const html = await (await browser.fetch(page)).text();
    expect(html).toContain('Du är inte registrerad i Delaktig');
    const after = await withDb('identity', (db) => db.query('SELECT count(*)::int AS n FROM staff_member'));
    expect(after.rows[0].n).toBe(before.rows[0].n);

    // "Tillbaka" ends the sign-in: Keycloak gets access_denied, no code.
    const abort = await browser.fetch(`${page}/abort`, { method: 'POST' });
    expect(abort.status).toBe(303);
    const callback = await followToRedirectUri(browser, new URL(abort.headers.get('location')!, ID).href);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('refuses a deactivated staff member with its own message', async () => {
    const { browser, page } = await beginLogin();
    await startBankId(browser, page);
    await identifyWithPhone(browser, page, ERIK);
    const final = await waitForFinalState(browser, page);
    expect(final).toMatchObject({ state: 'refused', reason: 'deactivated' });
    expect(final.message).toMatch(/^Ditt konto i Delaktig är avslutat/);
  });

  it('animates the QR code, and the app refuses a stale frame', async () => {
    const { browser, page } = await beginLogin();
    const first = await startBankId(browser, page);
    await new Promise((r) => setTimeout(r, 3_300));
    const later = await browser.json(`${page}/status`);
    expect(later.state).toBe('pending');
    expect(later.qr).not.toBe(first.qr);
    const stale = await sim('/sim/scan', { qr: first.qr, personalNumber: MAJA });
    expect(stale.status).toBe(400);
    expect(stale.body.errorCode).toBe('staleQrCode');

    // Avbryt on the page cancels the order at BankID.
    const cancelled = await browser.json(`${page}/cancel`, 'POST');
    expect(cancelled).toMatchObject({ state: 'failed', message: 'Åtgärden avbruten.' });
    const html = await (await browser.fetch(page)).text();
    expect(html).toContain('Försök igen');
  });

  it('shows the cancel message when the user cancels in the app, and can try again', async () => {
    const { browser, page } = await beginLogin();
    await startBankId(browser, page);
    const current = await browser.json(`${page}/status`);
    const scanned = await sim('/sim/scan', { qr: current.qr, personalNumber: EMMA });
    expect(scanned.status).toBe(200);
    const opened = await waitForHint(browser, page);
    expect(opened.qr).toBeUndefined(); // no QR once the app has the order
    await sim(`/sim/orders/${scanned.body.orderRef}/cancel`, {});
    const final = await waitForFinalState(browser, page);
    expect(final).toMatchObject({ state: 'failed', hintCode: 'userCancel', message: 'Åtgärden avbruten.' });

    const retry = await browser.json(`${page}/start`, 'POST');
    expect(retry.state).toBe('pending');
    expect(retry.qr).toBeDefined();
  });

  it('never writes a personal identity number in clear to its database or its log', async () => {
    const dump = await withDb('identity', async (db) => {
      const tables = ['staff_member', 'bankid_login', 'login_evidence', 'oidc_payload', 'outbox_event'];
      const parts: string[] = [];
      for (const t of tables) parts.push(JSON.stringify((await db.query(`SELECT * FROM ${t}`)).rows));
      return parts.join('\n');
    });
    const log = join(process.env['DELAKTIG_RUN_DIR'] ?? join(REPO_ROOT, '.run'), 'test', 'logs', 'identity.log');
    const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
    for (const pin of [SARA, EMMA, ANNA, ERIK, MAJA]) {
      expect(dump.includes(pin)).toBe(false);
      expect(logText.includes(pin)).toBe(false);
    }
  });
});

async function waitForHint(browser: Browser, page: string): Promise<View> {
  const started = Date.now();
  for (;;) {
    const view = await browser.json(`${page}/status`);
    if (view.hintCode !== 'outstandingTransaction') return view;
    if (Date.now() - started > 10_000) throw new Error('the app never opened the order');
    await new Promise((r) => setTimeout(r, 500));
  }
}
