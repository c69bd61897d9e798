import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The two secrets a child needs (ADR 0009): the link token (in the link's fragment) and
 * the code the caseworker reads aloud. Both are random, stored only as HMAC-SHA256 keyed
 * with CHILD_ACCESS_HASH_KEY, and compared in constant time.
 *
 * - Link token: 32 random bytes, base64url (256 bits).
 * - Code: 8 characters from a 32-character alphabet without look-alikes (no 0/O, no 1/I),
 *   shown as `XXXX-XXXX` (8 × 5 = 40 bits). Five wrong codes lock the invitation, so a
 *   guesser's chance per link is 5 / 2^40.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newCode(): string {
  // 32 symbols: the low 5 bits of a random byte pick one uniformly.
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What the child typed, upper-case and without spaces or dashes. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-‐‑–—_.]/g, '');
}

export function hashToken(token: string, key: string): string {
  return createHmac('sha256', key).update(`link-token\u0000${token}`, 'utf8').digest('hex');
}

/** The code's hash is bound to its invitation, so equal codes of two invitations hash differently. */
export function hashCode(invitationId: string, code: string, key: string): string {
  return createHmac('sha256', key).update(`code\u0000${invitationId}\u0000${normalizeCode(code)}`, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex HMACs (crypto.timingSafeEqual). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  if (x.length !== 32 || y.length !== 32) return false;
  return timingSafeEqual(x, y);
}

/** Link tokens look like this (43 base64url characters); anything else is not looked up. */
export const LINK_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A young person's personal identity number (normalised, 12 digits) as the keyed hash the
 * BankID entry compares with (12–18, where the district allows it). Its own label, so it
 * never equals a staff registry hash even under the same key.
 */
export function childPinHash(normalized12Digits: string, key: string): string {
  if (!/^\d{12}$/.test(normalized12Digits)) throw new TypeError('childPinHash needs a normalised 12-digit number');
  return createHmac('sha256', key).update(`child-pin\u0000${normalized12Digits}`, 'utf8').digest('hex');
}
