import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'http://localhost:8080/realms/delaktig';

describe('TokenVerifier (against a JWKS endpoint)', () => {
  let server: Server;
  let privateKey: CryptoKey;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    verifier = new TokenVerifier({ issuer: ISSUER, audience: 'delaktig-gateway', jwksUrl: `http://127.0.0.1:${port}/certs` });
  }, 30_000); // RSA key generation can take seconds on a loaded 2-core machine
  afterAll(() => new Promise((r) => server.close(r)));

  function token(claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: string } = {}) {
    return new SignJWT({ district: 'skarpnack', unit: 'Barn och unga 1', name: 'Anna', realm_access: { roles: ['caseworker', 'offline_access'] }, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(opts.iss ?? ISSUER)
      .setAudience(opts.aud ?? 'delaktig-gateway')
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(privateKey);
  }

  it('maps a valid token to the caller identity, keeping only staff roles', async () => {
    await expect(verifier.verify(await token({}))).resolves.toEqual({
      sub: 'user-1',
      districtId: 'skarpnack',
      unitId: 'Barn och unga 1',
      roles: ['caseworker'],
      name: 'Anna',
    });
  });

  it.each([
    ['wrong audience', {}, { aud: 'account' }],
    ['wrong issuer', {}, { iss: 'http://evil/realms/delaktig' }],
    ['expired', {}, { exp: '-1m' }],
  ])('refuses a token with %s as 401', async (_what, claims, opts) => {
    await expect(verifier.verify(await token(claims, opts))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token without a known district as 403', async () => {
    await expect(verifier.verify(await token({ district: 'atlantis' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(verifier.verify(await token({ district: undefined }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
