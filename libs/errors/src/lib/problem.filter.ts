import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { ZodError } from 'zod';
import { AppError, codeForStatus, ErrorCode, FieldError, isProblemDetails, problemFor, ProblemDetails } from './errors';
import { fieldErrorsFromZod } from './zod';

/** Turns anything thrown in a request into an RFC 9457 problem response; 5xx are logged. */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers: let the error reach the consumer, which retries the batch.
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        { err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception) },
        'request failed',
      );
    }
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    if (traceId && !/^0+$/.test(traceId)) problem.traceId = traceId;
    if (res.headersSent) return;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

export function toProblem(exception: unknown): ProblemDetails {
  // A problem passed on from another service (the gateway's upstream errors).
  if (typeof exception === 'object' && exception !== null && 'problem' in exception && isProblemDetails(exception.problem)) {
    const { traceId: _t, ...problem } = exception.problem;
    return problem;
  }
  if (exception instanceof AppError) return problemFor(exception.code, exception.detail, exception.errors, exception.extensions);
  if (exception instanceof ZodError) {
    const errors = fieldErrorsFromZod(exception);
    return problemFor('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (isProblemDetails(body)) return body;
    const code: ErrorCode = status === 429 ? 'RATE_LIMITED' : codeForStatus(status);
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? ([] as unknown[]).concat((body as { message: unknown }).message).join('; ')
        : exception.message;
    return problemFor(code, status >= 500 ? undefined : message);
  }
  // body-parser / raw-body errors carry a status and a type.
  if (typeof exception === 'object' && exception !== null && 'status' in exception) {
    const e = exception as { status: number; type?: string; message?: string };
    if (e.type === 'entity.parse.failed') return problemFor('MALFORMED_REQUEST', 'The body is not valid JSON.');
    if (e.type === 'entity.too.large') return problemFor('PAYLOAD_TOO_LARGE');
    if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return problemFor('UNSUPPORTED_MEDIA_TYPE');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return problemFor(codeForStatus(e.status), e.message);
  }
  return problemFor('INTERNAL');
}

export type { FieldError };
