import { HttpErrorResponse } from '@angular/common/http';

/** One field error in the gateway's problem response. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** The gateway's error body (`application/problem+json`, RFC 9457 plus `code` and `errors`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['field'] === 'string' && typeof v['reason'] === 'string';
}

/** Turns whatever HttpClient threw into a ProblemDetails (status 0 = network failure). */
export function toProblem(error: unknown): ProblemDetails {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, code: 'client_error', detail: error instanceof Error ? error.message : undefined };
  }
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = undefined;
    }
  }
  const problem: ProblemDetails = { status: error.status };
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b['type'] === 'string') problem.type = b['type'];
    if (typeof b['title'] === 'string') problem.title = b['title'];
    if (typeof b['detail'] === 'string') problem.detail = b['detail'];
    if (typeof b['code'] === 'string') problem.code = b['code'];
    if (typeof b['status'] === 'number') problem.status = b['status'];
    if (Array.isArray(b['errors'])) problem.errors = b['errors'].filter(isFieldProblem);
  }
  return problem;
}

/**
 * Groups field errors by field name. The gateway may name a field by a path
 * (`body.caseReference`, `/caseReference`); only the last segment is used.
 */
export function fieldErrors(problem: ProblemDetails): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const { field, reason } of problem.errors ?? []) {
    const name = field.split(/[./[\]]/).filter(Boolean).pop() ?? field;
    (result[name] ??= []).push(reason);
  }
  return result;
}
