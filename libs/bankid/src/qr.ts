import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Builds the content of one frame of BankID's animated QR code:
 * `bankid.<qrStartToken>.<seconds>.<qrAuthCode>` where qrAuthCode is the
 * lower-case hex HMAC-SHA256 of the seconds (as a decimal string) keyed with
 * the qrStartSecret. The secret itself never leaves the server.
 *
 * @param secondsSinceOrder whole seconds since the order was created (0, 1, 2, …)
 */
export function bankIdQrContent(
  qrStartToken: string,
  qrStartSecret: string,
  secondsSinceOrder: number,
): string {
  if (!Number.isSafeInteger(secondsSinceOrder) || secondsSinceOrder < 0) {
    throw new RangeError('secondsSinceOrder must be a non-negative integer');
  }
  if (!qrStartToken || !qrStartSecret) {
    throw new TypeError('qrStartToken and qrStartSecret are required');
  }
  return `bankid.${qrStartToken}.${secondsSinceOrder}.${bankIdQrAuthCode(qrStartSecret, secondsSinceOrder)}`;
}

/** The HMAC part of a QR frame. */
export function bankIdQrAuthCode(qrStartSecret: string, secondsSinceOrder: number): string {
  return createHmac('sha256', qrStartSecret).update(String(secondsSinceOrder), 'utf8').digest('hex');
}

/**
 * QR content for "now", given when the order was created (both in epoch ms),
 * which is what an RP backend serves to the browser once a second.
 */
export function bankIdQrContentAt(
  order: { qrStartToken: string; qrStartSecret: string },
  orderCreatedAtMs: number,
  nowMs: number,
): string {
  const seconds = Math.max(0, Math.floor((nowMs - orderCreatedAtMs) / 1000));
  return bankIdQrContent(order.qrStartToken, order.qrStartSecret, seconds);
}

export interface ParsedBankIdQrContent {
  qrStartToken: string;
  seconds: number;
  qrAuthCode: string;
}

/** Splits QR content into its parts; returns null when it is not BankID QR content. */
export function parseBankIdQrContent(content: string): ParsedBankIdQrContent | null {
  const match = /^bankid\.([0-9A-Za-z-]{1,100})\.(\d{1,9})\.([0-9a-f]{64})$/.exec(content.trim());
  if (!match) return null;
  return { qrStartToken: match[1], seconds: Number(match[2]), qrAuthCode: match[3] };
}

/** Constant-time check that the auth code was produced with the given secret. */
export function isValidBankIdQrAuthCode(qrStartSecret: string, seconds: number, qrAuthCode: string): boolean {
  const expected = Buffer.from(bankIdQrAuthCode(qrStartSecret, seconds), 'utf8');
  const given = Buffer.from(qrAuthCode, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
