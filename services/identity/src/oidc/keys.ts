import { createHash, createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../generated/prisma/client';

export type PrivateJwk = JsonWebKey & { kid: string; alg: string; use: 'sig' };

/** RFC 7638 thumbprint, used as the key id. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export function privateJwkFromPem(pemOrPath: string): PrivateJwk {
  const pem = pemOrPath.includes('-----BEGIN') ? pemOrPath : readFileSync(pemOrPath, 'utf8');
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  if (jwk.kty === 'RSA') return { ...jwk, kid: jwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return { ...jwk, kid: jwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
  throw new Error('OIDC_SIGNING_KEY must be an RSA or EC P-256 private key');
}

/**
 * The provider's signing keys: OIDC_SIGNING_KEY when set, otherwise RSA keys kept in the
 * identity database, generated on first start.
 * Newest first; every replica reads the same rows.
 */
export async function loadSigningKeys(prisma: PrismaClient, setting: string | undefined): Promise<PrivateJwk[]> {
  if (setting) return [privateJwkFromPem(setting)];
  const read = async () =>
    (await prisma.oidcSigningKey.findMany({ orderBy: { createdAt: 'desc' } })).map((r) => r.jwk as unknown as PrivateJwk);
  const existing = await read();
  if (existing.length) return existing;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = jwkThumbprint(jwk);
  await prisma.oidcSigningKey.createMany({ data: [{ kid, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } }], skipDuplicates: true });
  return read();
}
