/**
 * Error codes shared by every service and the gateway, with one mapping to HTTP status
 * and to RFC 9457 problem responses. Services throw {@link AppError}; the exception
 * filter turns it (and framework errors) into `application/problem+json`.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid.' },
  MALFORMED_REQUEST: { status: 400, title: 'The request body could not be read.' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in is required.' },
  FORBIDDEN: { status: 403, title: 'You may not do this.' },
  NOT_FOUND: { status: 404, title: 'Not found.' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state.' },
  GONE: { status: 410, title: 'This is no longer available.' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Send JSON (application/json).' },
  RATE_LIMITED: { status: 429, title: 'Too many requests. Wait a moment and try again.' },
  INTERNAL: { status: 500, title: 'Something went wrong on our side.' },
  UPSTREAM_UNAVAILABLE: { status: 503, title: 'A part of the system is not answering. Try again shortly.' },
  // Child access (ADR 0009): the child app shows `detail` (Swedish first, then English).
  'child-access-not-found': { status: 404, title: 'The link is not valid.' },
  'child-access-wrong-code': { status: 401, title: 'The code is not right.' },
  'child-access-locked': { status: 423, title: 'Too many wrong codes: the invitation is locked.' },
  'child-access-expired': { status: 410, title: 'The invitation has expired.' },
  'child-access-revoked': { status: 410, title: 'The invitation has been withdrawn.' },
  'child-bankid-unavailable': { status: 409, title: 'BankID cannot be used for this invitation; use the code.' },
  'child-bankid-order-not-found': { status: 404, title: 'No such BankID sign-in (it ended or expired); start again.' },
  // Answering (ADR 0009): the child app shows its own words for each of these.
  'response-already-submitted': { status: 409, title: 'The answers have already been sent.' },
  'questionnaire-version-mismatch': { status: 409, title: 'The answers belong to another version of the questionnaire.' },
  'invitation-expired': { status: 410, title: 'The time to answer has run out.' },
  'invitation-revoked': { status: 410, title: 'The invitation has been withdrawn.' },
  'response-not-ready': { status: 503, title: 'Answering is not ready yet. Try again in a moment.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Dotted path of the field in the request body or query, e.g. `birthYear`. */
  field: string;
  /** Why the value was refused, in plain words. */
  reason: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  /** Trace id, so that a user's report can be found in the traces. */
  traceId?: string;
  /** RFC 9457 extension members of a specific problem, e.g. `attemptsLeft`. */
  [extension: string]: unknown;
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly detail?: string,
    public readonly errors?: FieldError[],
    /** Extra members of the problem (RFC 9457 extensions), e.g. `{ attemptsLeft: 3 }`. */
    public readonly extensions?: Record<string, unknown>,
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  static validation(errors: FieldError[], detail?: string): AppError {
    return new AppError(
      'VALIDATION_FAILED',
      detail ?? errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    );
  }
}

export function problemFor(code: ErrorCode, detail?: string, errors?: FieldError[], extensions?: Record<string, unknown>): ProblemDetails {
  const def = ERROR_CODES[code];
  const problem: ProblemDetails = {
    type: `https://delaktig.se/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: def.title,
    status: def.status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
  // Extension members never replace the standard ones.
  for (const [k, v] of Object.entries(extensions ?? {})) if (!(k in problem)) problem[k] = v;
  return problem;
}

export function codeForStatus(status: number): ErrorCode {
  const found = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => ERROR_CODES[c].status === status);
  if (found) return found;
  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}

/** A problem received from another service, rethrown as-is by the gateway. */
export function isProblemDetails(body: unknown): body is ProblemDetails {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ProblemDetails).status === 'number' &&
    typeof (body as ProblemDetails).code === 'string' &&
    (body as ProblemDetails).code in ERROR_CODES
  );
}
