import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Free text as stored: AES-256-GCM, with the id of the key so keys can be rotated. */
export interface SealedText {
  /** Key id. */
  k: string;
  /** 12-byte nonce, base64. */
  iv: string;
  /** 16-byte authentication tag, base64. */
  tag: string;
  /** Ciphertext, base64. */
  ct: string;
}

/**
 * Encrypts children's free-text answers with the current key and decrypts with any known
 * key (current or earlier). The associated data binds a ciphertext to its invitation and
 * question, so a ciphertext copied to another answer does not decrypt.
 */
export class TextCipher {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly currentKeyId: string,
    currentKey: string,
    oldKeys = '',
  ) {
    this.keys.set(currentKeyId, decodeKey(currentKey));
    for (const part of oldKeys.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [id, key] = part.split(':');
      if (id && key && !this.keys.has(id)) this.keys.set(id, decodeKey(key));
    }
  }

  seal(text: string, aad: string): SealedText {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return { k: this.currentKeyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  }

  open(sealed: SealedText, aad: string): string {
    const key = this.keys.get(sealed.k);
    if (!key) throw new Error(`unknown encryption key id ${sealed.k}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  }
}

function decodeKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error('an encryption key must be 32 bytes');
  return key;
}

export const textAad = (invitationId: string, questionId: string) => `${invitationId}/${questionId}`;
