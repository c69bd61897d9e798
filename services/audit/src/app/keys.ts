import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/** DER prefixes that wrap a raw 32-byte Ed25519 seed / public key as PKCS#8 / SPKI. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The checkpoint key pair (Ed25519, Node's crypto): seals entries and signs tree heads. */
export interface AuditKeys {
  privateKey?: KeyObject;
  publicKey: KeyObject;
  /** First 8 bytes (hex) of SHA-256 of the raw public key. */
  keyId: string;
}

export function loadAuditKeys(signingKey?: string, publicKey?: string): AuditKeys {
  const priv = signingKey
    ? signingKey.includes('-----BEGIN')
      ? createPrivateKey(signingKey)
      : createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(signingKey, 'base64')]), format: 'der', type: 'pkcs8' })
    : undefined;
  const pub = publicKey
    ? publicKey.includes('-----BEGIN')
      ? createPublicKey(publicKey)
      : createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' })
    : priv
      ? createPublicKey(priv)
      : undefined;
  if (!pub) throw new Error('an Ed25519 signing or public key is required');
  if (pub.asymmetricKeyType !== 'ed25519') throw new Error('the audit checkpoint key must be Ed25519');
  const raw = pub.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  return { privateKey: priv, publicKey: pub, keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}

export const sealMessage = (districtId: string, leafIndex: number | bigint | string, leafHashHex: string) =>
  Buffer.from(`delaktig-audit-seal:v1\n${districtId}\n${leafIndex}\n${leafHashHex}`);

export const checkpointMessage = (c: { logId: string; districtId: string; treeSize: number; rootHash: string; issuedAt: string }) =>
  Buffer.from(`delaktig-audit-checkpoint:v1\n${c.logId}\n${c.districtId}\n${c.treeSize}\n${c.rootHash}\n${c.issuedAt}`);

export function signWith(keys: AuditKeys, message: Buffer): string {
  if (!keys.privateKey) throw new Error('no signing key');
  return sign(null, message, keys.privateKey).toString('base64');
}

export function verifyWith(keys: AuditKeys, message: Buffer, signature: string): boolean {
  try {
    return verify(null, message, keys.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
