import { SignJWT } from 'jose';
import { Identity, signIdentity, verifyIdentity } from './identity';

const secret = 'an-internal-secret-of-at-least-32-chars!';
const who: Identity = { sub: 'staff-1', districtId: 'skarpnack', unitId: 'Barn och unga 1', roles: ['caseworker'] };

describe('internal caller identity', () => {
  it('round-trips the identity the gateway verified', async () => {
    await expect(verifyIdentity(await signIdentity(who, secret), secret)).resolves.toEqual(who);
  });

  it('refuses a token signed with another secret (a client cannot forge its district)', async () => {
    const forged = await signIdentity({ ...who, districtId: 'norrmalm' }, 'some-other-secret-that-is-long-enough!!');
    await expect(verifyIdentity(forged, secret)).rejects.toThrow();
  });

  it('refuses an altered token', async () => {
    const token = await signIdentity(who, secret);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...payload, districtId: 'norrmalm' })).toString('base64url');
    await expect(verifyIdentity(`${h}.${altered}.${s}`, secret)).rejects.toThrow();
  });

  it('refuses an expired token and one for an unknown district', async () => {
    await expect(verifyIdentity(await signIdentity(who, secret, -10), secret)).rejects.toThrow();
    const unknown = await new SignJWT({ districtId: 'atlantis', unitId: null, roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('delaktig-gateway')
      .setAudience('delaktig-services')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyIdentity(unknown, secret)).rejects.toThrow();
  });
});
