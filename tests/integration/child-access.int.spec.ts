import { generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { api, tokenFor, withDb } from './support/api';
import {
  accessRow,
  clientIp,
  closeProducer,
  createInvitation,
  extend,
  identityCall,
  openSession,
  revoke,
  signWithIdentityKey,
  staffIdentity,
  submitted,
  wrongCode,
} from './child-access.support';
import type { Identity } from '@delaktig/service-kit';

/**
 * Child access (issue 4 item 6, ADR 0009) through the public gateway: the link token and
 * code open a short-lived child session for exactly one invitation; five wrong codes lock
 * it until the caseworker unlocks; expired and revoked invitations are refused; attempts
 * are rate limited per IP; child and staff tokens never cross.
 */
describe('child access: the code gate, the lock, and the child session', () => {
  let caseworkerToken: string;
  let unitLeadToken: string;
  let otherDistrictToken: string;
  let caseworker: Identity;
  let unitLead: Identity;

  beforeAll(async () => {
    [caseworkerToken, unitLeadToken, otherDistrictToken] = await Promise.all([
      tokenFor('handlaggare.skarpnack'),
      tokenFor('enhetschef.skarpnack'),
      tokenFor('handlaggare.norrmalm'),
    ]);
    [caseworker, unitLead] = await Promise.all([staffIdentity(caseworkerToken), staffIdentity(unitLeadToken)]);
  });
  afterAll(() => closeProducer());

  const outboxTypes = (invitationId: string) =>
    withDb('identity', async (db) => (await db.query('SELECT type FROM outbox_event WHERE key = $1 ORDER BY seq', [invitationId])).rows.map((r) => r.type as string));

  it('issues a high-entropy link token and a readable code, stored only as keyed hashes', async () => {
    const inv = await createInvitation(caseworker);
    expect(inv.linkToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(inv.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/); // 40 bits
    const row = await accessRow(inv.id);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(inv.linkToken);
    expect(stored).not.toContain(inv.code.replace('-', ''));
    expect(row?.['token_hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.['code_hash']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the code gate admits the right code: a session for that invitation, InvitationOpened emitted', async () => {
    const inv = await createInvitation(caseworker);
    const r = await openSession(inv.linkToken, inv.code.toLowerCase().replace('-', ' '));
    expect(r.status).toBe(201);
    expect(r.body.invitation).toEqual({ ageBand: '6-11', language: 'sv', questionnaireVersionId: inv.versionId, answering: true });
    const minutes = (Date.parse(r.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(18);
    expect(minutes).toBeLessThanOrEqual(20);
    const claims = JSON.parse(Buffer.from(r.body.sessionToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'delaktig-identity', aud: 'delaktig-child', sub: inv.id, districtId: caseworker.districtId, ageBand: '6-11', questionnaireVersionId: inv.versionId });
    expect(typeof claims.sid).toBe('string');
    expect(await outboxTypes(inv.id)).toEqual(['InvitationOpened']);
  });

  it('four wrong codes then the right one works, and a success starts the count again', async () => {
    const inv = await createInvitation(caseworker);
    const ip = clientIp();
    for (const left of [4, 3, 2, 1]) {
      const r = await openSession(inv.linkToken, wrongCode(inv.code), ip);
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({ code: 'child-access-wrong-code', attemptsLeft: left });
      expect(r.body.detail).toMatch(/^Koden stämmer inte/);
    }
    expect((await openSession(inv.linkToken, inv.code, ip)).status).toBe(201);
    const again = await openSession(inv.linkToken, wrongCode(inv.code), ip);
    expect(again.body).toMatchObject({ code: 'child-access-wrong-code', attemptsLeft: 4 });
  });

  it('five wrong codes lock: even the right code gets 423 until the caseworker unlocks (not another district)', async () => {
    const inv = await createInvitation(caseworker);
    const ip = clientIp();
    for (let i = 0; i < 4; i++) expect((await openSession(inv.linkToken, wrongCode(inv.code), ip)).status).toBe(401);
    const fifth = await openSession(inv.linkToken, wrongCode(inv.code), ip);
    expect(fifth.status).toBe(423);
    expect(fifth.body).toMatchObject({ code: 'child-access-locked' });
    expect(fifth.body.detail).toMatch(/handläggare/);
    const right = await openSession(inv.linkToken, inv.code, ip);
    expect(right.status).toBe(423);
    expect(await outboxTypes(inv.id)).toEqual(['ChildAccessLocked']);

    // Another district's caseworker does not even see it.
    const foreign = await api('POST', `/api/v1/invitations/${inv.id}/unlock`, { token: otherDistrictToken });
    expect(foreign.status).toBe(404);
    expect((await openSession(inv.linkToken, inv.code, ip)).status).toBe(423);

    const unlocked = await api('POST', `/api/v1/invitations/${inv.id}/unlock`, { token: caseworkerToken });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ invitationId: inv.id, locked: false, attemptsLeft: 5 });
    expect((await openSession(inv.linkToken, inv.code, ip)).status).toBe(201);
    expect(await outboxTypes(inv.id)).toEqual(['ChildAccessLocked', 'ChildAccessUnlocked', 'InvitationOpened']);
  });

  it("the unit lead of the invitation's unit can unlock; another caseworker of the district cannot", async () => {
    expect(unitLead.unitId).toBeTruthy();
    const inv = await createInvitation(caseworker, { unitId: unitLead.unitId });
    for (let i = 0; i < 5; i++) await openSession(inv.linkToken, wrongCode(inv.code));
    expect((await accessRow(inv.id))?.['locked_at']).toBeTruthy();
    expect((await openSession(inv.linkToken, inv.code)).status).toBe(423);
    const colleague: Identity = { ...caseworker, sub: randomUUID() };
    const refused = await identityCall('POST', `/child-access/${inv.id}/unlock`, colleague);
    expect(refused.status).toBe(403);
    const r = await api('POST', `/api/v1/invitations/${inv.id}/unlock`, { token: unitLeadToken });
    expect(r.status).toBe(200);
    expect((await openSession(inv.linkToken, inv.code)).status).toBe(201);
  });

  it('issues credentials only to caseworkers and unit leads, once per invitation id', async () => {
    const id = randomUUID();
    expect((await identityCall('POST', '/child-access/credentials', caseworker, { invitationId: id })).status).toBe(201);
    const again = await identityCall('POST', '/child-access/credentials', caseworker, { invitationId: id });
    expect(again.status).toBe(409);
    const bad = await identityCall('POST', '/child-access/credentials', caseworker, { invitationId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'invitationId' })]);
    const auditor: Identity = { ...caseworker, roles: ['auditor'] };
    expect((await identityCall('POST', '/child-access/credentials', auditor, { invitationId: randomUUID() })).status).toBe(403);
    expect((await identityCall('POST', '/child-access/credentials', null, { invitationId: randomUUID() })).status).toBe(401);
  });

  it('refuses expired and revoked invitations with 410 and says why; an extension opens it again', async () => {
    const expired = await createInvitation(caseworker, { expiresAt: new Date(Date.now() - 60_000) });
    const e = await openSession(expired.linkToken, expired.code);
    expect(e.status).toBe(410);
    expect(e.body).toMatchObject({ code: 'child-access-expired' });
    expect(e.body.detail).toMatch(/^Tiden för att svara har gått ut/);

    await extend(expired, caseworker, new Date(Date.now() + 86_400_000));
    expect((await openSession(expired.linkToken, expired.code)).status).toBe(201);

    const revoked = await createInvitation(caseworker);
    expect((await openSession(revoked.linkToken, revoked.code)).status).toBe(201);
    await revoke(revoked, caseworker);
    const r = await openSession(revoked.linkToken, revoked.code);
    expect(r.status).toBe(410);
    expect(r.body).toMatchObject({ code: 'child-access-revoked' });
  });

  it('after submission the session still opens after expiry, to read feedback (answering: false)', async () => {
    const inv = await createInvitation(caseworker, { expiresAt: new Date(Date.now() + 5 * 86_400_000) });
    await submitted(inv, caseworker);
    await extend(inv, caseworker, new Date(Date.now() - 1_000));
    const r = await openSession(inv.linkToken, inv.code);
    expect(r.status).toBe(201);
    expect(r.body.invitation.answering).toBe(false);
  });

  it('unknown or unconfirmed links are 404; a malformed request names the field', async () => {
    const unknown = await openSession('A'.repeat(43), 'ABCD-2345');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'child-access-not-found' });
    expect((await openSession('not-a-token', 'ABCD-2345')).status).toBe(404);
    // Credentials whose invitation was never confirmed by survey-delivery are inert.
    const pending = await createInvitation(caseworker, { activate: false });
    expect((await openSession(pending.linkToken, pending.code)).status).toBe(404);
    const bad = await api('POST', '/api/v1/child/session', { body: { token: 'x' }, headers: { 'x-forwarded-for': clientIp() } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('rate limits attempts per IP: 429 with Retry-After, other addresses unaffected', async () => {
    const ip = clientIp();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof openSession>> | undefined;
    for (let i = 0; i < 12; i++) {
      const r = await openSession('B'.repeat(43), 'ABCD-2345', ip);
      statuses.push(r.status);
      if (r.status === 429) {
        limited = r;
        break;
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await openSession('B'.repeat(43), 'ABCD-2345', clientIp())).status).toBe(404);
  });

  it('documents every child route and the unlock route in OpenAPI', async () => {
    const r = await api('GET', '/api/docs/openapi.json');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/child/session',
        '/api/v1/child/session/refresh',
        '/api/v1/child/questionnaire',
        '/api/v1/child/response',
        '/api/v1/child/response/draft',
        '/api/v1/child/response/submit',
        '/api/v1/child/feedback',
        '/api/v1/child/feedback/rating',
        '/api/v1/invitations/{id}/unlock',
      ]),
    );
  });

  describe('with a child session', () => {
    let sessionToken: string;
    let inv: Awaited<ReturnType<typeof createInvitation>>;

    beforeAll(async () => {
      inv = await createInvitation(caseworker, { ageBand: '12-18' });
      const r = await openSession(inv.linkToken, inv.code);
      expect(r.status).toBe(201);
      sessionToken = r.body.sessionToken;
    });

    it('reads only its own questionnaire version, whatever it asks for', async () => {
      const r = await api('GET', '/api/v1/child/questionnaire?versionId=' + randomUUID(), { token: sessionToken });
      expect(r.status).toBe(200);
      expect(r.body.versionId).toBe(inv.versionId);
      expect(r.body.ageBand).toBe('12-18');
      expect(r.body.content.ageBand).toBe('12-18');
      expect(r.body.content.areas.length).toBeGreaterThan(0);
    });

    it('refreshes the session for the same invitation', async () => {
      const r = await api('POST', '/api/v1/child/session/refresh', { token: sessionToken });
      expect(r.status).toBe(200);
      const claims = JSON.parse(Buffer.from(r.body.sessionToken.split('.')[1], 'base64url').toString());
      expect(claims.sub).toBe(inv.id);
      expect((await api('GET', '/api/v1/child/questionnaire', { token: r.body.sessionToken })).status).toBe(200);
    });

    it('a child token is refused on staff routes, and a staff token on child routes', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/me'],
        ['GET', '/api/v1/invitations'],
        ['POST', `/api/v1/invitations/${inv.id}/unlock`],
        ['GET', '/api/v1/questionnaires'],
      ] as const) {
        expect({ path, status: (await api(method, path, { token: sessionToken })).status }).toEqual({ path, status: 401 });
      }
      for (const path of ['/api/v1/child/questionnaire', '/api/v1/child/response', '/api/v1/child/feedback']) {
        const r = await api('GET', path, { token: caseworkerToken });
        expect({ path, status: r.status }).toEqual({ path, status: 401 });
      }
      expect((await api('GET', '/api/v1/child/questionnaire')).status).toBe(401);
    });

    it('a forged or expired child token is refused', async () => {
      const header = JSON.parse(Buffer.from(sessionToken.split('.')[0] as string, 'base64url').toString());
      const claims = JSON.parse(Buffer.from(sessionToken.split('.')[1] as string, 'base64url').toString());
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT({ ...claims, sub: randomUUID() }).setProtectedHeader({ alg: 'ES256', kid: header.kid }).sign(privateKey);
      expect((await api('GET', '/api/v1/child/questionnaire', { token: forged })).status).toBe(401);
      const tampered = [sessionToken.split('.')[0], Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url'), sessionToken.split('.')[2]].join('.');
      expect((await api('GET', '/api/v1/child/questionnaire', { token: tampered })).status).toBe(401);
      const expired = await signWithIdentityKey({ ...claims, sub: inv.id, exp: Math.floor(Date.now() / 1000) - 60 });
      const r = await api('GET', '/api/v1/child/questionnaire', { token: expired });
      expect(r.status).toBe(401);
      expect(r.body.detail).toMatch(/^Sessionen har gått ut/);
      // The same key with a valid expiry is accepted: the refusal above is the expiry.
      const valid = await signWithIdentityKey({ ...claims, sub: inv.id, exp: Math.floor(Date.now() / 1000) + 60 });
      expect((await api('GET', '/api/v1/child/questionnaire', { token: valid })).status).toBe(200);
    });
  });
});
