import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { PrismaClient } from '../generated/prisma/client';
import { jwkThumbprint } from '../oidc/keys';

/** Claims of a child session token (ADR 0009). */
export const CHILD_SESSION_ISSUER = 'delaktig-identity';
export const CHILD_SESSION_AUDIENCE = 'delaktig-child';

export type EcPrivateJwk = JsonWebKey & { kid: string; alg: 'ES256'; use: 'sig' };
export type EcPublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };

export interface ChildSessionClaims {
  invitationId: string;
  districtId: string;
  ageBand: string;
  questionnaireVersionId: string;
  sessionId: string;
}

function ecJwk(jwk: JsonWebKey): EcPrivateJwk {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('CHILD_SESSION_SIGNING_KEY must be an EC P-256 private key');
  return { ...jwk, kid: jwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

export function publicJwk(jwk: EcPrivateJwk): EcPublicJwk {
  return { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string, kid: jwk.kid, alg: 'ES256', use: 'sig' };
}

/**
 * Keys for child session tokens: CHILD_SESSION_SIGNING_KEY when set, otherwise EC P-256
 * keys kept in `child_session_key`, generated on first start (every replica reads the
 * same rows; the newest signs, all are published in the JWKS).
 */
export async function loadChildSessionKeys(prisma: PrismaClient, setting: string | undefined): Promise<EcPrivateJwk[]> {
  if (setting) {
    const pem = setting.includes('-----BEGIN') ? setting : readFileSync(setting, 'utf8');
    return [ecJwk(createPrivateKey(pem).export({ format: 'jwk' }))];
  }
  const read = async () =>
    (await prisma.childSessionKey.findMany({ orderBy: [{ createdAt: 'desc' }, { kid: 'asc' }] })).map((r) => r.jwk as unknown as EcPrivateJwk);
  const existing = await read();
  if (existing.length) return existing;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = ecJwk(privateKey.export({ format: 'jwk' }));
  await prisma.childSessionKey.createMany({ data: [{ kid: jwk.kid, jwk: jwk as object }], skipDuplicates: true });
  return read();
}

export async function signChildSession(key: EcPrivateJwk, claims: ChildSessionClaims, expiresAt: Date): Promise<string> {
  const privateKey = await importJWK(key, 'ES256');
  return new SignJWT({
    districtId: claims.districtId,
    ageBand: claims.ageBand,
    questionnaireVersionId: claims.questionnaireVersionId,
    sid: claims.sessionId,
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuer(CHILD_SESSION_ISSUER)
    .setAudience(CHILD_SESSION_AUDIENCE)
    .setSubject(claims.invitationId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(privateKey);
}

/** Verifies a token this service issued (used by tests; the gateway verifies against the JWKS). */
export async function verifyChildSession(keys: EcPrivateJwk[], token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(
    token,
    async (header) => {
      const key = keys.find((k) => k.kid === header.kid);
      if (!key) throw new Error('unknown key');
      return importJWK(publicJwk(key), 'ES256');
    },
    { issuer: CHILD_SESSION_ISSUER, audience: CHILD_SESSION_AUDIENCE, algorithms: ['ES256'] },
  );
  return payload;
}
