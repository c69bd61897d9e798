import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { ChildSessionGuard, ChildSessionVerifier } from './child-session.guard';

const INVITATION = '0b7c1f7e-8a63-4a5e-9a55-0c8a7f0e2d11';
const VERSION = '6f1d2c3b-4a5e-4f60-8a71-9b8c7d6e5f40';

describe('child sessions at the gateway', () => {
  let server: Server;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let verifier: ChildSessionVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'c1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    verifier = new ChildSessionVerifier({ jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/child-access/jwks` });
  });
  afterAll(() => new Promise((r) => server.close(r)));

  function token(opts: { iss?: string; aud?: string; exp?: string; claims?: Record<string, unknown>; signWith?: CryptoKey } = {}) {
    return new SignJWT({ districtId: 'skarpnack', ageBand: '6-11', questionnaireVersionId: VERSION, sid: 's-1', ...(opts.claims ?? {}) })
      .setProtectedHeader({ alg: 'ES256', kid: 'c1' })
      .setIssuer(opts.iss ?? 'delaktig-identity')
      .setAudience(opts.aud ?? 'delaktig-child')
      .setSubject(INVITATION)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '20m')
      .sign(opts.signWith ?? key);
  }

  it('maps a valid session to the child identity of that one invitation', async () => {
    await expect(verifier.verify(await token())).resolves.toEqual({
      invitationId: INVITATION,
      districtId: 'skarpnack',
      ageBand: '6-11',
      questionnaireVersionId: VERSION,
      sessionId: 's-1',
    });
  });

  it.each([
    ['expired', { exp: '-1m' }],
    ['forged (another key)', { signWith: undefined as unknown as CryptoKey, forged: true }],
    ['a staff audience', { aud: 'delaktig-gateway' }],
    ['another issuer', { iss: 'http://localhost:8080/realms/delaktig' }],
    ['an unknown district', { claims: { districtId: 'atlantis' } }],
  ])('refuses a session that is %s as 401', async (_what, opts) => {
    const t = 'forged' in opts ? await token({ signWith: otherKey }) : await token(opts as Parameters<typeof token>[0]);
    await expect(verifier.verify(t)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  function ctx(path: string, authorization?: string) {
    const req: Record<string, unknown> = { path, headers: authorization ? { authorization } : {} };
    return { req, ctx: { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext };
  }

  it('the guard admits a child session only under /api/v1/child/ and puts the child on the request', async () => {
    const guard = new ChildSessionGuard(verifier);
    const ok = ctx('/api/v1/child/questionnaire', `Bearer ${await token()}`);
    await expect(guard.canActivate(ok.ctx)).resolves.toBe(true);
    expect(ok.req['child']).toMatchObject({ invitationId: INVITATION });
    await expect(guard.canActivate(ctx('/api/v1/invitations', `Bearer ${await token()}`).ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guard.canActivate(ctx('/api/v1/child/questionnaire').ctx)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
