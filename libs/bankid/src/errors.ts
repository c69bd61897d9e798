import type { BankIdErrorCode } from './types';

/**
 * An error answer from the BankID RP API (`{errorCode, details}` with its HTTP
 * status), or a failure to reach it (httpStatus 0, errorCode `networkError`),
 * or an answer this client could not understand (errorCode `invalidResponse`).
 */
export class BankIdError extends Error {
  override readonly name = 'BankIdError';

  constructor(
    readonly httpStatus: number,
    readonly errorCode: BankIdErrorCode,
    readonly details = '',
  ) {
    super(`BankID ${httpStatus === 0 ? 'request failed' : `HTTP ${httpStatus}`}: ${errorCode}${details ? ` (${details})` : ''}`);
  }
}
