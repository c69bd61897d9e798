import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { parsePersonalIdentityNumber } from '@delaktig/bankid';

/**
 * How the staff registry keeps personal identity numbers: never in clear, only as
 *  - pin_hash: lower-hex HMAC-SHA256 of the normalised 12-digit number, keyed with PIN_HASH_KEY
 *    (a keyed hash, so the 10^4 numbers per birth date cannot be tried without the key), and
 *  - pin_masked: YYYYMMDD-**** for display.
 * Invalid input throws PersonalIdentityNumberError, whose message never contains the number.
 */
export interface ProtectedPin {
  pinHash: string;
  pinMasked: string;
}

export function pinHash(normalized12Digits: string, key: string): string {
  if (!/^\d{12}$/.test(normalized12Digits)) throw new TypeError('pinHash needs a normalised 12-digit number');
  return createHmac('sha256', key).update(normalized12Digits, 'utf8').digest('hex');
}

export function protectPin(input: string, key: string, now?: Date | number): ProtectedPin {
  const pin = parsePersonalIdentityNumber(input, now === undefined ? {} : { now });
  return { pinHash: pinHash(pin.normalized, key), pinMasked: pin.masked };
}

/**
 * AES-256-GCM for the few minutes between a BankID login and the token request, when the
 * number must travel into the ID token (`https://id.oidc.se/claim/personalIdentityNumber`)
 * but the registry only has its hash. The key is derived from PIN_HASH_KEY (HKDF, own label).
 */
export class EvidenceCipher {
  private readonly key: Buffer;

  constructor(pinHashKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', pinHashKey, 'delaktig-identity', 'login-evidence aes-256-gcm', 32));
  }

  encrypt(value: object, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  decrypt<T>(token: string, associatedData: string): T {
    const [iv, tag, body] = token.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body) throw new Error('malformed evidence');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
  }
}
