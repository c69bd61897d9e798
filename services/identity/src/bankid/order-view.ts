import { BANKID_USER_MESSAGES, BankIdClient, BankIdError, bankIdQrContent, errorMessage, FAILED_HINT_CODES, hintMessage, type BankIdAuthRequest, type BankIdOrderResponse } from '@delaktig/bankid';
import { toString as qrToSvg } from 'qrcode';

/**
 * What the staff login page and the young person's BankID sign-in share about a BankID order
 * they keep: the collect rhythm, the lifetime, and the texts and QR frames a page shows.
 */

/** BankID: collect every 2 seconds (a little less, so a 1-second poll never skips a round). */
export const COLLECT_INTERVAL_MS = 1_900;
/** An order is kept as long as BankID can still report on it. */
export const ORDER_TTL_MS = 10 * 60_000;
/** Errors after which collecting again later may still work. */
export const TRANSIENT_ERRORS: ReadonlySet<string> = new Set(['networkError', 'internalError', 'maintenance', 'requestTimeout', 'tooManyRequests']);
/** Our own "Avbryt" (the order is cancelled by us, not in the app). */
export const RP_CANCEL = 'rpCancel';

/** BankID's recommended user messages (RFA) for an order's state, in Swedish and English. */
export function orderMessages(status: 'pending' | 'failed', hintCode: string): { message: string; messageEn: string } {
  const context = { qr: true, flow: 'auth' } as const;
  if (status === 'pending') return { message: hintMessage(hintCode, 'pending', context, 'sv'), messageEn: hintMessage(hintCode, 'pending', context, 'en') };
  if (hintCode === RP_CANCEL) return { message: BANKID_USER_MESSAGES.RFA6.sv, messageEn: BANKID_USER_MESSAGES.RFA6.en };
  if ((FAILED_HINT_CODES as readonly string[]).includes(hintCode)) {
    return { message: hintMessage(hintCode, 'failed', context, 'sv'), messageEn: hintMessage(hintCode, 'failed', context, 'en') };
  }
  // An API error (auth refused, BankID unreachable, order lost): BankID's error texts.
  return { message: errorMessage(hintCode, 'sv'), messageEn: errorMessage(hintCode, 'en') };
}

/** The animated QR code's current frame (content and SVG), only while no app has the order. */
export async function qrFrame(order: {
  hintCode: string | null;
  qrStartToken: string;
  qrStartSecret: string | null;
  createdAt: Date;
}): Promise<{ content: string; svg: string } | null> {
  if ((order.hintCode ?? 'outstandingTransaction') !== 'outstandingTransaction' || !order.qrStartSecret) return null;
  const seconds = Math.max(0, Math.floor((Date.now() - order.createdAt.getTime()) / 1000));
  const content = bankIdQrContent(order.qrStartToken, order.qrStartSecret, seconds);
  return { content, svg: await qrToSvg(content, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }) };
}

/**
 * Asks BankID for an identification order. A kept-alive connection that the server closed just
 * then fails before any answer (`networkError`): that is tried once more.
 */
export async function authOrder(bankid: BankIdClient, request: BankIdAuthRequest): Promise<BankIdOrderResponse> {
  return bankid.auth(request).catch((err: unknown) => {
    if (err instanceof BankIdError && err.errorCode === 'networkError') return bankid.auth(request);
    throw err;
  });
}

/** The stored fields of an order BankID has just started. */
export function pendingOrder(order: BankIdOrderResponse, now = new Date()) {
  return {
    orderRef: order.orderRef,
    autoStartToken: order.autoStartToken,
    qrStartToken: order.qrStartToken,
    qrStartSecret: order.qrStartSecret,
    status: 'pending',
    hintCode: 'outstandingTransaction',
    createdAt: now,
    expiresAt: new Date(now.getTime() + ORDER_TTL_MS),
  };
}
