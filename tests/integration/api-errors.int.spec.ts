import { SignJWT, generateKeyPair } from 'jose';
import { api, tokenFor, validInvitation, withDb } from './support/api';
import { GATEWAY, KEYCLOAK, REALM } from './support/env';

/** Bad input and bad callers get a clear 4xx with a reason — never a 500, never a half-created row. */
describe('gateway refuses bad requests clearly', () => {
  let caseworker: string;
  let auditor: string;

  beforeAll(async () => {
    [caseworker, auditor] = await Promise.all([tokenFor('handlaggare.skarpnack'), tokenFor('revisor.skarpnack')]);
  });

  async function countInvitations(): Promise<number> {
    return withDb('survey-delivery', async (db) => Number((await db.query('SELECT count(*) FROM invitation')).rows[0].count));
  }

  it.each([
    ['an age band that does not match the birth year', { ageBand: '12-18' }, 'ageBand'],
    ['a case reference with forbidden characters', { caseReference: 'ÅÄÖ <script>' }, 'caseReference'],
    ['an oversized case reference', { caseReference: 'A'.repeat(41) }, 'caseReference'],
    ['a birth year too far back', { birthYear: 1990 }, 'birthYear'],
    ['a missing birth year', { birthYear: undefined }, 'birthYear'],
    ['an unknown field', { districtId: 'norrmalm' }, '(body)'],
  ])('400 naming the field for %s', async (_what, override, field) => {
    const before = await countInvitations();
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation(override) });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    expect(await countInvitations()).toBe(before);
  });

  it('400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await api('POST', '/api/v1/invitations', { token: caseworker, rawBody: '{"caseReference": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_REQUEST');
    const text = await api('POST', '/api/v1/invitations', { token: caseworker, rawBody: 'hello', contentType: 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('413 for an oversized body', async () => {
    const r = await api('POST', '/api/v1/invitations', { token: caseworker, body: { caseReference: 'x'.repeat(300_000) } });
    expect(r.status).toBe(413);
  });

  it('401 without a token, with a forged token and with a token for another audience', async () => {
    expect((await api('GET', '/api/v1/me')).status).toBe(401);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ district: 'skarpnack', realm_access: { roles: ['caseworker'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(`${KEYCLOAK}/realms/${REALM}`)
      .setAudience('delaktig-gateway')
      .setSubject('intruder')
      .setExpirationTime('5m')
      .sign(privateKey);
    const r = await api('GET', '/api/v1/me', { token: forged });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('UNAUTHENTICATED');
    // A genuine token whose signature was altered.
    const [h, p] = caseworker.split('.');
    expect((await api('GET', '/api/v1/me', { token: `${h}.${p}.AAAA` })).status).toBe(401);
  });

  it('403 when the role does not allow the action', async () => {
    const r = await api('POST', '/api/v1/invitations', { token: auditor, body: validInvitation() });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('FORBIDDEN');
  });

  it('serves the OpenAPI document describing every route', async () => {
    const r = await api('GET', '/api/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/me', '/api/v1/invitations', '/api/v1/statistics/participation', '/api/v1/audit/entries']),
    );
  });

  it('sends security headers: a strict CSP on the API (nothing loads, nothing frames it), HSTS for a year', async () => {
    const r = await api('GET', '/api/health/live');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    // The OpenAPI page alone loads its own scripts and styles.
    const docs = await fetch(`${GATEWAY}/api/docs/`);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses control characters (e.g. a NUL byte) in any query parameter with a 400 naming it', async () => {
    const token = await tokenFor('handlaggare.skarpnack');
    for (const query of ['status=%00', 'q=a%00b', 'x%01=1']) {
      const r = await api('GET', `/api/v1/invitations?${query}`, { token });
      expect([query, r.status, r.body.errors?.[0]?.reason]).toEqual([query, 400, 'must not contain control characters (e.g. %00)']);
    }
    expect((await api('GET', '/api/v1/invitations?status=%C3%A5', { token })).status).not.toBe(500);
  });
});
