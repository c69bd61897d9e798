import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Contact details and links at rest: AES-256-GCM with a key derived from
 * DELIVERY_ENCRYPTION_KEY (SHA-256 of the setting). Stored as base64 of iv | tag | ciphertext.
 */
export class SecretBox {
  private readonly key: Buffer;
  constructor(material: string) {
    this.key = createHash('sha256').update(material, 'utf8').digest();
  }
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
  }
  open(sealed: string): string {
    const buf = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** The pseudonymous child key of ADR 0009: HMAC-SHA256(key, district|caseReference|birthYear), hex. */
export function childRef(key: string, districtId: string, caseReference: string, birthYear: number): string {
  return createHmac('sha256', key).update(`${districtId}|${caseReference.toUpperCase()}|${birthYear}`, 'utf8').digest('hex');
}

/** Signature of a delivery-report URL, so that only the SMS provider we told can report on a message. */
export function callbackSignature(secret: string, deliveryId: string): string {
  return createHmac('sha256', secret).update(`sms-callback|${deliveryId}`).digest('base64url');
}

export function signatureMatches(secret: string, deliveryId: string, given: string): boolean {
  const want = Buffer.from(callbackSignature(secret, deliveryId));
  const got = Buffer.from(given ?? '');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** A hint the caseworker recognises without the full contact: 070-••• •• 67, a•••@example.se. */
export function maskContact(channel: 'sms' | 'email', contact: string): string {
  if (channel === 'sms') {
    const national = '0' + contact.replace(/^\+46/, '');
    return `${national.slice(0, 3)}-••• •• ${national.slice(-2)}`;
  }
  const [local, domain] = contact.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
