import { ProblemDetails } from './problem';

/**
 * A user-facing message: either a translation key (shown in the active
 * language) or text as the gateway sent it, when we have no translation.
 */
export interface Message {
  key?: string;
  params?: Record<string, unknown>;
  text?: string;
}

export const CASE_REFERENCE_MAX = 40;
export const CASE_REFERENCE_PATTERN = /^[A-Za-z0-9-/]+$/;

/** Same bounds as the gateway's contract (`createInvitationRequest`): ages 6–19 this year. */
export function birthYearRange(now = new Date()): { min: number; max: number } {
  const year = now.getUTCFullYear();
  return { min: year - 19, max: year - 6 };
}

/** Message for the whole response (shown above the form / in place of content). */
export function problemMessage(problem: ProblemDetails): Message {
  const { status } = problem;
  if (status === 0) return { key: 'errors.network' };
  if (status === 401) return { key: 'errors.unauthorized' };
  if (status === 403) return { key: 'errors.forbidden' };
  if (status === 404) return { key: 'errors.notFound' };
  if (status === 409) return { key: 'errors.conflict' };
  if (status === 429) return { key: 'errors.rateLimited' };
  if (status >= 500) return { key: 'errors.server' };
  if ((status === 400 || status === 422) && problem.errors?.length) return { key: 'errors.validation' };
  if (problem.detail) return { text: problem.detail };
  if (problem.title) return { text: problem.title };
  return { key: 'errors.unknown' };
}

const normalise = (reason: string) => reason.toLowerCase().replace(/[^a-z]/g, '');

const REQUIRED = new Set(['required', 'missing', 'isnotempty', 'isdefined', 'empty']);
const TOO_BIG = new Set(['toobig', 'toolong', 'maxlength', 'max', 'maximum']);
const TOO_SMALL = new Set(['toosmall', 'tooshort', 'minlength', 'min', 'minimum']);
const PATTERN = new Set(['pattern', 'invalidformat', 'invalidstring', 'matches', 'format']);
const NOT_INTEGER = new Set(['invalidtype', 'notinteger', 'integer', 'int', 'isint', 'notanumber', 'nan']);
const NOT_ALLOWED = new Set(['invalidvalue', 'invalidenum', 'invalidenumvalue', 'enum', 'isin', 'notallowed']);
const DUPLICATE = new Set(['duplicate', 'alreadyexists', 'unique', 'conflict']);

/**
 * The gateway's reasons are short English phrases from the shared contract
 * (`libs/contracts` http.ts), e.g. "may be at most 40 characters". Each known
 * phrase maps to a Swedish/English message; numbers in it are carried over.
 */
const PHRASES: { pattern: RegExp; message: (match: RegExpMatchArray) => Message }[] = [
  { pattern: /^is required$/i, message: () => ({ key: 'errors.required' }) },
  { pattern: /at most (\d+) characters/i, message: (m) => ({ key: 'errors.maxLength', params: { max: Number(m[1]) } }) },
  { pattern: /may contain only/i, message: () => ({ key: 'errors.pattern' }) },
  { pattern: /^must be a year$/i, message: () => ({ key: 'errors.integer' }) },
  { pattern: /^must be (\d{4}) or later$/i, message: (m) => ({ key: 'errors.yearFrom', params: { year: m[1] } }) },
  { pattern: /^must be (\d{4}) or earlier$/i, message: (m) => ({ key: 'errors.yearTo', params: { year: m[1] } }) },
  { pattern: /^must be one of/i, message: () => ({ key: 'errors.notAllowed' }) },
  { pattern: /does not match birth year (\d{4})/i, message: (m) => ({ key: 'errors.ageBandMismatch', params: { year: m[1] } }) },
];

/**
 * Message for one field error: known contract phrases and stable reason codes
 * (zod issue codes, constraint names, `required`) are translated; anything else
 * is shown as the gateway wrote it.
 */
export function reasonMessage(field: string, reason: string): Message {
  for (const { pattern, message } of PHRASES) {
    const match = reason.trim().match(pattern);
    if (match) return message(match);
  }
  const code = normalise(reason);
  if (REQUIRED.has(code)) return { key: 'errors.required' };
  if (DUPLICATE.has(code)) return { key: 'errors.duplicate' };
  if (field === 'caseReference') {
    if (TOO_BIG.has(code)) return { key: 'errors.maxLength', params: { max: CASE_REFERENCE_MAX } };
    if (PATTERN.has(code)) return { key: 'errors.pattern' };
  }
  if (field === 'birthYear') {
    if (TOO_BIG.has(code) || TOO_SMALL.has(code)) return { key: 'errors.birthYearRange', params: birthYearRange() };
    if (NOT_INTEGER.has(code)) return { key: 'errors.integer' };
  }
  if (field === 'ageBand' && (NOT_ALLOWED.has(code) || NOT_INTEGER.has(code))) return { key: 'errors.notAllowed' };
  if (TOO_BIG.has(code)) return { key: 'errors.tooBig' };
  if (TOO_SMALL.has(code)) return { key: 'errors.tooSmall' };
  if (NOT_ALLOWED.has(code) || PATTERN.has(code) || NOT_INTEGER.has(code)) return { key: 'errors.invalid' };
  return { text: reason };
}
