import { AppError } from '@delaktig/errors';
import type { Identity } from '@delaktig/service-kit';
import { inScope, managedRoles, scopeOf } from './staff-admin.service';
import { KeycloakAdmin, KeycloakAdminError } from './keycloak-admin';

const who = (districtId: Identity['districtId'], roles: Identity['roles'] = ['district-admin']): Identity => ({ sub: 'kc-1', districtId, unitId: null, roles });

describe('admin scope', () => {
  it('a district admin manages caseworkers and unit leads of their own district only', () => {
    const scope = scopeOf(who('skarpnack'));
    expect(managedRoles(scope)).toEqual(['caseworker', 'unit-lead']);
    expect(inScope(scope, { districtId: 'skarpnack', role: 'caseworker' })).toBe(true);
    expect(inScope(scope, { districtId: 'skarpnack', role: 'unit-lead' })).toBe(true);
    expect(inScope(scope, { districtId: 'norrmalm', role: 'caseworker' })).toBe(false);
    expect(inScope(scope, { districtId: 'skarpnack', role: 'district-admin' })).toBe(false);
    expect(inScope(scope, { districtId: 'skarpnack', role: 'auditor' })).toBe(false);
  });

  it('the central office admin manages district admins of every district, nobody else', () => {
    const scope = scopeOf(who('central'));
    expect(scope).toEqual({ kind: 'central' });
    expect(inScope(scope, { districtId: 'norrmalm', role: 'district-admin' })).toBe(true);
    expect(inScope(scope, { districtId: 'central', role: 'district-admin' })).toBe(true);
    expect(inScope(scope, { districtId: 'norrmalm', role: 'caseworker' })).toBe(false);
    expect(inScope(scope, { districtId: 'central', role: 'central-analyst' })).toBe(false);
  });

  it('refuses callers without the district-admin role', () => {
    expect(() => scopeOf(who('skarpnack', ['caseworker']))).toThrow(AppError);
    expect(() => scopeOf(who('central', ['central-analyst', 'auditor']))).toThrow(AppError);
  });
});

describe('KeycloakAdmin', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  function stub(responses: Array<(url: string, init: RequestInit) => Response>) {
    const calls: { url: string; init: RequestInit }[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      const next = responses.shift();
      if (!next) throw new Error('unexpected call');
      return next(String(url), init ?? {});
    }) as typeof fetch;
    return calls;
  }
  const token = () => new Response(JSON.stringify({ access_token: 'tok', expires_in: 300 }), { status: 200 });
  const admin = () => new KeycloakAdmin({ baseUrl: 'http://kc', realm: 'delaktig', clientId: 'delaktig-identity-admin', clientSecret: 's'.repeat(32) });

  it('authenticates with client credentials and returns the new user id from Location', async () => {
    const calls = stub([token, () => new Response(null, { status: 201, headers: { location: 'http://kc/admin/realms/delaktig/users/abc-123' } })]);
    const result = await admin().createUser({ username: 'a.b', firstName: 'A', lastName: 'B', email: 'a@b.se', unit: 'U' });
    expect(result).toEqual({ id: 'abc-123' });
    expect(calls[0]?.url).toBe('http://kc/realms/delaktig/protocol/openid-connect/token');
    expect(String(calls[0]?.init.body)).toBe('grant_type=client_credentials');
    const body = JSON.parse(String(calls[1]?.init.body));
    expect(body).toMatchObject({ username: 'a.b', enabled: true, requiredActions: [], attributes: { unit: ['U'] } });
    expect(body.credentials).toBeUndefined();
    expect((calls[1]?.init.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
  });

  it('reports a username or e-mail conflict instead of throwing', async () => {
    stub([token, () => new Response('{"errorMessage":"User exists with same username"}', { status: 409 })]);
    expect(await admin().createUser({ username: 'a.b', firstName: 'A', lastName: 'B', email: 'a@b.se', unit: null })).toEqual({ conflict: true });
  });

  it('turns an unreachable or failing Keycloak into KeycloakAdminError without details', async () => {
    stub([
      () => {
        throw new TypeError('fetch failed');
      },
    ]);
    await expect(admin().logout('u1')).rejects.toBeInstanceOf(KeycloakAdminError);
    stub([token, () => new Response('boom', { status: 500 })]);
    await expect(admin().logout('u1')).rejects.toMatchObject({ status: 500, operation: 'logout user' });
  });

  it('retries once with a fresh token after 401', async () => {
    const calls = stub([token, () => new Response(null, { status: 401 }), token, () => new Response(null, { status: 204 })]);
    await admin().logout('u1');
    expect(calls.map((c) => c.url.replace('http://kc', ''))).toEqual([
      '/realms/delaktig/protocol/openid-connect/token',
      '/admin/realms/delaktig/users/u1/logout',
      '/realms/delaktig/protocol/openid-connect/token',
      '/admin/realms/delaktig/users/u1/logout',
    ]);
  });
});
