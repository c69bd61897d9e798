import { generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { api, tokenFor, validInvitation } from './support/api';
import { KEYCLOAK, PROFILE, REALM } from './support/env';
import { ensureStaff, keycloakAdmin, tokenForRegistered } from './staff-admin.support';

/**
 * The authorization matrix (issue 3): EVERY route of the gateway's OpenAPI document, called
 * as every role in Skarpnäck and Norrmalm (and the central office), unauthenticated, and with
 * expired, forged and wrong-audience tokens; each cell is compared with the table below.
 * A route that is not in the table fails the test, so a new endpoint needs a rule here.
 *
 * "allow" means the request passed authorization (any status but 401/403 — with placeholder
 * ids and empty bodies that is usually 400/404); "deny" means 403. Resources with ids that
 * belong to a district are also requested by the other district's staff: 403/404, never data.
 * Public routes ignore tokens; child-session routes (ADR 0009) refuse every staff token with 401.
 */

type Role = 'caseworker' | 'unit-lead' | 'district-admin' | 'central-analyst' | 'auditor';
interface Principal {
  key: string;
  username: string;
  district: 'skarpnack' | 'norrmalm' | 'central';
  role: Role;
  /** Created through the admin API in beforeAll (not a demo user of the realm). */
  registeredBy?: string;
}

const PRINCIPALS: Principal[] = [
  { key: 'skarpnack/caseworker', username: 'handlaggare.skarpnack', district: 'skarpnack', role: 'caseworker' },
  { key: 'skarpnack/unit-lead', username: 'enhetschef.skarpnack', district: 'skarpnack', role: 'unit-lead' },
  { key: 'skarpnack/district-admin', username: 'admin.skarpnack', district: 'skarpnack', role: 'district-admin' },
  { key: 'skarpnack/auditor', username: 'revisor.skarpnack', district: 'skarpnack', role: 'auditor' },
  { key: 'norrmalm/caseworker', username: 'handlaggare.norrmalm', district: 'norrmalm', role: 'caseworker' },
  { key: 'norrmalm/unit-lead', username: 'enhetschef.matrix.norrmalm', district: 'norrmalm', role: 'unit-lead', registeredBy: 'admin.norrmalm' },
  { key: 'norrmalm/district-admin', username: 'admin.norrmalm', district: 'norrmalm', role: 'district-admin' },
  { key: 'norrmalm/auditor', username: 'revisor.norrmalm', district: 'norrmalm', role: 'auditor' },
  // central-analyst exists only at the central office; its admin and auditor act city-wide.
  { key: 'central/central-analyst', username: 'analytiker.central', district: 'central', role: 'central-analyst' },
  { key: 'central/district-admin', username: 'admin.central', district: 'central', role: 'district-admin' },
  { key: 'central/auditor', username: 'revisor.central', district: 'central', role: 'auditor' },
];

type Allow = (p: Principal) => boolean;
const roles =
  (...rs: Role[]): Allow =>
  (p) => rs.includes(p.role);
const ALL: Allow = () => true;
const centralAdmin: Allow = (p) => p.role === 'district-admin' && p.district === 'central';

interface Rule {
  /** Staff who may call it. Omit for public and child routes. */
  allow?: Allow;
  /** No sign-in needed (any token is ignored): never 401/403 because of who calls. */
  public?: true;
  /** A child session route (ADR 0009): every staff token is refused with 401; no staff role opens it. */
  child?: true;
  /** Path parameters: a district's resource (created in beforeAll) or a global one; placeholders otherwise. */
  params?: Record<string, { global: string } | { districtResource: keyof Fixtures }>;
}

interface Fixtures {
  /** A caseworker registered in Skarpnäck (registry id). */
  skarpnackStaff: { id: string; marker: string };
  /** An invitation created by Skarpnäck's caseworker. */
  skarpnackInvitation: { id: string; marker: string };
}

/** The table: METHOD + OpenAPI path → who may call it. */
const RULES: Record<string, Rule> = {
  'GET /api/v1/me': { allow: ALL },
  'POST /api/v1/invitations': { allow: roles('caseworker', 'unit-lead') },
  'GET /api/v1/invitations': { allow: roles('caseworker', 'unit-lead') },
  'GET /api/v1/statistics/participation': { allow: roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst') },
  'GET /api/v1/statistics/participation/districts': { allow: roles('central-analyst') },
  'GET /api/v1/audit/entries': { allow: roles('auditor') },
  'GET /api/v1/audit/verify': { allow: roles('auditor') },
  'GET /api/v1/audit/proof': { allow: roles('auditor') },
  'GET /api/v1/audit/consistency': { allow: roles('auditor') },
  'GET /api/v1/questionnaires': { allow: ALL },
  'GET /api/v1/questionnaires/{templateId}/versions/{version}': { allow: ALL, params: { templateId: { global: 'default-6-11' }, version: { global: 'latest' } } },
  'PUT /api/v1/questionnaires/{templateId}/draft': { allow: roles('central-analyst') },
  'POST /api/v1/questionnaires/{templateId}/publish': { allow: roles('central-analyst') },
  'GET /api/v1/admin/staff': { allow: roles('district-admin') },
  'POST /api/v1/admin/staff': { allow: roles('district-admin') },
  'POST /api/v1/admin/staff/{id}/deactivate': { allow: roles('district-admin'), params: { id: { districtResource: 'skarpnackStaff' } } },
  'POST /api/v1/admin/staff/{id}/reactivate': { allow: roles('district-admin'), params: { id: { districtResource: 'skarpnackStaff' } } },
  // Body validated before the scope check: probed with a placeholder id; the other district's 404 is asserted in safety-alerts.int.spec.ts.
  'PUT /api/v1/admin/staff/{id}/contact': { allow: roles('district-admin') },
  'GET /api/v1/admin/districts': { allow: centralAdmin },
  'GET /api/v1/district/settings': { allow: ALL },
  'PUT /api/v1/district/settings': { allow: roles('district-admin') },
  'POST /api/v1/invitations/{id}/unlock': { allow: roles('caseworker', 'unit-lead'), params: { id: { districtResource: 'skarpnackInvitation' } } },
  'GET /api/v1/invitations/{id}': { allow: roles('caseworker', 'unit-lead'), params: { id: { districtResource: 'skarpnackInvitation' } } },
  // Changes and exports are probed with placeholder ids here (bodies are validated before the scope
  // check, so another district would see a 400); their cross-district refusals are asserted in
  // invitations.int.spec.ts and casework.int.spec.ts.
  'POST /api/v1/invitations/{id}/resend': { allow: roles('caseworker', 'unit-lead') },
  'POST /api/v1/invitations/{id}/extend': { allow: roles('caseworker', 'unit-lead') },
  'POST /api/v1/invitations/{id}/revoke': { allow: roles('caseworker', 'unit-lead') },
  'GET /api/v1/statistics/participation/periods': { allow: roles('district-admin', 'central-analyst') },
  'GET /api/v1/statistics/participation/table': { allow: roles('unit-lead', 'district-admin', 'central-analyst') },
  'GET /api/v1/statistics/answers': { allow: roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst') },
  'GET /api/v1/statistics/answers/export': { allow: roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst') },
  'GET /api/v1/invitations/{id}/response': { allow: roles('caseworker', 'unit-lead'), params: { id: { districtResource: 'skarpnackInvitation' } } },
  'GET /api/v1/alerts': { allow: ALL },
  'GET /api/v1/alerts/summary': { allow: ALL },
  'GET /api/v1/audit/review/entries': { allow: roles('auditor') },
  'GET /api/v1/audit/review/flags': { allow: roles('auditor') },
  'GET /api/v1/audit/review/sample': { allow: roles('auditor') },
  'GET /api/v1/audit/review/flags/{flagId}/reviews': { allow: roles('auditor') },
  'POST /api/v1/audit/review/flags/{flagId}/reviews': { allow: roles('auditor') },
  'GET /api/v1/audit/review/export': { allow: roles('auditor') },
  'POST /api/v1/alerts/{id}/acknowledge': { allow: roles('caseworker', 'unit-lead') },
  'GET /api/v1/invitations/{id}/response/export': { allow: roles('caseworker', 'unit-lead') },
  'GET /api/v1/invitations/{id}/feedback': { allow: roles('caseworker', 'unit-lead') },
  'POST /api/v1/invitations/{id}/feedback': { allow: roles('caseworker', 'unit-lead') },
  'GET /api/v1/feedback-templates': { allow: roles('caseworker', 'unit-lead') },
  // The child API (ADR 0009): opening a session is public (link token + code); the rest needs a child session.
  'POST /api/v1/child/session': { public: true },
  'POST /api/v1/child/session/methods': { public: true },
  'POST /api/v1/child/session/bankid': { public: true },
  'POST /api/v1/child/session/bankid/collect': { public: true },
  'POST /api/v1/child/session/bankid/cancel': { public: true },
  'POST /api/v1/child/session/refresh': { child: true },
  'GET /api/v1/child/questionnaire': { child: true },
  'GET /api/v1/child/response': { child: true },
  'PUT /api/v1/child/response/draft': { child: true },
  'POST /api/v1/child/response/submit': { child: true },
  'GET /api/v1/child/feedback': { child: true },
  'POST /api/v1/child/feedback/rating': { child: true },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Route {
  method: string;
  path: string;
  key: string;
  params: string[];
}

async function routesFromOpenApi(): Promise<Route[]> {
  const doc = await api('GET', '/api/docs/openapi.json');
  expect(doc.status).toBe(200);
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      const method = m.toUpperCase();
      routes.push({ method, path, key: `${method} ${path}`, params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1] as string) });
    }
  }
  return routes;
}

/** Placeholder ids: pass the guard, find nothing, change nothing. */
function concretePath(route: Route, rule: Rule | undefined, fixtures?: Fixtures, useResources = false): string {
  return route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = rule?.params?.[name];
    if (p && 'global' in p) return encodeURIComponent(p.global);
    if (p && 'districtResource' in p && useResources && fixtures) return encodeURIComponent(fixtures[p.districtResource].id);
    return randomUUID();
  });
}

const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});

describe('authorization matrix: every gateway route × every role × two districts', () => {
  let routes: Route[];
  const tokens = new Map<string, string>();
  let fixtures: Fixtures;

  beforeAll(async () => {
    routes = await routesFromOpenApi();
    // Staff the realm does not have are created through the admin API (no password, no credentials).
    for (const p of PRINCIPALS.filter((x) => x.registeredBy)) {
      await ensureStaff(await tokenFor(p.registeredBy as string), { username: p.username, givenName: 'Matrix', familyName: 'Enhetschef', role: p.role, unit: 'Barn och unga Norrmalm' });
    }
    for (const p of PRINCIPALS) tokens.set(p.key, p.registeredBy ? await tokenForRegistered(p.username) : await tokenFor(p.username));
    const staff = await ensureStaff(tokens.get('skarpnack/district-admin') as string, {
      username: 'matrix.skarpnack.caseworker',
      givenName: 'Matrix',
      familyName: 'Handläggare',
      role: 'caseworker',
      unit: 'Barn och unga 1',
    });
    const invitation = await api('POST', '/api/v1/invitations', { token: tokens.get('skarpnack/caseworker'), body: validInvitation() });
    if (invitation.status !== 201 || !invitation.body.invitation?.id) throw new Error(`invitation fixture: ${invitation.status} ${JSON.stringify(invitation.body)}`);
    fixtures = {
      skarpnackStaff: { id: staff.id, marker: staff.username },
      skarpnackInvitation: { id: invitation.body.invitation.id, marker: invitation.body.invitation.caseReference },
    };
  });

  it('has a rule for every route in the OpenAPI document (a new endpoint needs a row in the table)', () => {
    const missing = routes.filter((r) => !RULES[r.key]).map((r) => r.key);
    expect(missing).toEqual([]);
    const stale = Object.keys(RULES).filter((k) => !routes.some((r) => r.key === k));
    expect(stale).toEqual([]);
    // Every path parameter is declared: either a global resource, a district's resource, or (default) a placeholder.
    expect(routes.length).toBeGreaterThanOrEqual(25);
  });

  it('allows or forbids each role in each district exactly as the table says', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const rule = RULES[route.key];
      if (!rule) continue;
      for (const p of PRINCIPALS) {
        const r = await api(route.method, concretePath(route, rule), { token: tokens.get(p.key), body: bodyFor(route.method) });
        const expected = rule.public ? 'allow' : rule.child ? 'unauthenticated' : rule.allow?.(p) ? 'allow' : 'deny';
        const actual = r.status === 403 ? 'deny' : r.status === 401 ? 'unauthenticated' : r.status >= 500 ? `error ${r.status}` : 'allow';
        if (actual !== expected) mismatches.push(`${route.key} as ${p.key}: expected ${expected}, got ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers 401 to every route without a token, with a forged, an expired and a wrong-audience token', async () => {
    const caseworker = tokens.get('skarpnack/caseworker') as string;
    const { privateKey } = await generateKeyPair('RS256');
    const [header] = caseworker.split('.');
    const kid = JSON.parse(Buffer.from(header as string, 'base64url').toString()).kid as string;
    const claims = JSON.parse(Buffer.from(caseworker.split('.')[1] as string, 'base64url').toString());
    // Same kid, issuer, audience and claims as a genuine token, signed with the wrong key.
    const forged = await new SignJWT({ ...claims, exp: undefined, iat: undefined })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const wrongAudience = await serviceAccountToken();
    const expired = await expiredToken();
    const bad: [string, string | undefined][] = [
      ['no token', undefined],
      ['forged', forged],
      ['expired', expired.token],
      ['wrong audience', wrongAudience],
      ['garbage', 'not.a.jwt'],
    ];
    const mismatches: string[] = [];
    for (const route of routes) {
      for (const [label, token] of bad) {
        const r = await api(route.method, concretePath(route, RULES[route.key]), { token, body: bodyFor(route.method) });
        if (RULES[route.key]?.public) {
          // Public: the token is ignored, so a bad one changes nothing (400 for the empty body, or 429 when rate limited).
          if ([401, 403].includes(r.status)) mismatches.push(`${route.key} (public) with ${label}: ${r.status}`);
          continue;
        }
        if (r.status !== 401) mismatches.push(`${route.key} with ${label}: ${r.status}`);
        else if (r.body?.code !== 'UNAUTHENTICATED') mismatches.push(`${route.key} with ${label}: 401 without problem body`);
      }
    }
    expect(mismatches).toEqual([]);
    // The expired token was genuine: one from the same client before expiry passed authentication.
    expect(expired.freshStatus).not.toBe(401);
    expect((await api('GET', '/api/v1/me', { token: expired.token })).body.detail).toBe('Your sign-in has expired.');
  });

  it("never gives one district's resources to another district's staff (403/404, no data)", async () => {
    const leaks: string[] = [];
    for (const route of routes) {
      const rule = RULES[route.key];
      const scoped = Object.values(rule?.params ?? {}).filter((p) => 'districtResource' in p) as { districtResource: keyof Fixtures }[];
      if (!rule || scoped.length === 0) continue;
      for (const p of PRINCIPALS.filter((x) => x.district === 'norrmalm')) {
        const r = await api(route.method, concretePath(route, rule, fixtures, true), { token: tokens.get(p.key), body: bodyFor(route.method) });
        const text = JSON.stringify(r.body ?? '');
        if (![403, 404].includes(r.status)) leaks.push(`${route.key} as ${p.key}: ${r.status}`);
        for (const s of scoped) if (text.includes(fixtures[s.districtResource].marker)) leaks.push(`${route.key} as ${p.key}: body names the resource`);
      }
    }
    expect(leaks).toEqual([]);
    // The fixture is untouched.
    const list = await api('GET', '/api/v1/admin/staff', { token: tokens.get('skarpnack/district-admin') });
    expect(list.body.items.find((s: any) => s.id === fixtures.skarpnackStaff.id).status).toBe('active');
  });

  it('keeps list endpoints within the district: invitations, audit log, staff', async () => {
    const created = await api('POST', '/api/v1/invitations', { token: tokens.get('skarpnack/caseworker'), body: validInvitation() });
    expect(created.status).toBe(201);
    for (const key of ['norrmalm/caseworker', 'norrmalm/unit-lead']) {
      const list = await api('GET', '/api/v1/invitations', { token: tokens.get(key) });
      expect(list.status).toBe(200);
      expect((list.body.items as any[]).some((i) => i.id === created.body.id || i.districtId !== 'norrmalm')).toBe(false);
    }
    const audit = await api('GET', '/api/v1/audit/entries?districtId=skarpnack', { token: tokens.get('norrmalm/auditor') });
    expect(audit.status).toBe(403);
    expect(audit.body.items).toBeUndefined();
    const own = await api('GET', '/api/v1/audit/entries', { token: tokens.get('norrmalm/auditor') });
    expect((own.body.items as any[]).every((e) => e.districtId === 'norrmalm')).toBe(true);
    const staff = await api('GET', '/api/v1/admin/staff', { token: tokens.get('norrmalm/district-admin') });
    expect((staff.body.items as any[]).every((s) => s.districtId === 'norrmalm')).toBe(true);
  });
});

/** A genuine realm token whose audience is not the gateway: identity's service account (client credentials). */
async function serviceAccountToken(): Promise<string> {
  const res = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'delaktig-identity-admin',
      client_secret: process.env['KEYCLOAK_ADMIN_CLIENT_SECRET'] ?? 'dev-only-keycloak-admin-client-secret-not-for-production',
    }),
  });
  if (!res.ok) throw new Error(`service account token: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * A genuine, signed token for the gateway's audience that has expired: a temporary
 * service-account client with the gateway audience mapper and a 2-second token lifespan
 * (created and removed through Keycloak's admin API). Also reports what the gateway said to a
 * fresh token of the same client, to show that only the expiry differs.
 */
async function expiredToken(): Promise<{ token: string; freshStatus: number }> {
  const clientId = `authz-matrix-${randomUUID().slice(0, 8)}`;
  const secret = randomUUID() + randomUUID();
  await keycloakAdmin('POST', '/clients', {
    clientId,
    enabled: true,
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: false,
    secret,
    attributes: { 'access.token.lifespan': '2' },
    protocolMappers: [
      {
        name: 'audience delaktig-gateway',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-audience-mapper',
        config: { 'included.client.audience': 'delaktig-gateway', 'access.token.claim': 'true', 'id.token.claim': 'false' },
      },
    ],
  });
  try {
    const get = async () => {
      const res = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
      });
      if (!res.ok) throw new Error(`temporary client token: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const fresh = await get();
    const freshStatus = (await api('GET', '/api/v1/me', { token: fresh })).status;
    const token = await get();
    await new Promise((r) => setTimeout(r, 8_500)); // 2 s lifespan + the gateway's 5 s clock tolerance
    return { token, freshStatus };
  } finally {
    const clients = (await keycloakAdmin('GET', `/clients?clientId=${clientId}`)) as { id: string }[];
    for (const c of clients) await keycloakAdmin('DELETE', `/clients/${c.id}`);
  }
}
