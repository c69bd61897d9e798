import { Injectable, Logger } from '@nestjs/common';
import { AppError, isProblemDetails, ProblemDetails } from '@delaktig/errors';
import { CHILD_IDENTITY_HEADER, IDENTITY_HEADER, signChildIdentity, signIdentity, type ChildIdentity } from '@delaktig/service-kit';
import type { VerifiedStaff } from './token-verifier';

export type ServiceName = 'identity' | 'survey-delivery' | 'responses' | 'statistics' | 'audit';

export class UpstreamProblem extends Error {
  constructor(public readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
  }
}

export interface ServiceClientOptions {
  urls: Record<ServiceName, string>;
  secret: string;
  timeoutMs: number;
}

/**
 * Calls a service over internal HTTP with the caller's verified identity (signed),
 * the correlation id and — through OpenTelemetry's fetch instrumentation — the trace
 * context. A service's problem response is passed on unchanged; an unreachable service
 * becomes 503.
 */
@Injectable()
export class ServiceClient {
  private readonly logger = new Logger('ServiceClient');

  constructor(private readonly opts: ServiceClientOptions) {}

  async call<T>(
    service: ServiceName,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    ctx: { staff?: VerifiedStaff; child?: ChildIdentity; correlationId: string; body?: unknown; query?: Record<string, unknown>; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }> {
    const url = new URL(this.opts.urls[service] + path);
    for (const [k, v] of Object.entries(ctx.query ?? {})) {
      if (typeof v === 'string') url.searchParams.set(k, v);
    }
    const headers: Record<string, string> = { ...(ctx.headers ?? {}), accept: 'application/json', 'x-correlation-id': ctx.correlationId };
    if (ctx.staff) {
      const { name: _name, ...identity } = ctx.staff;
      headers[IDENTITY_HEADER] = await signIdentity(identity, this.opts.secret);
    }
    if (ctx.child) headers[CHILD_IDENTITY_HEADER] = await signChildIdentity(ctx.child, this.opts.secret);
    if (ctx.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: ctx.body === undefined ? undefined : JSON.stringify(ctx.body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      this.logger.warn({ service, err: (e as Error).name }, 'service unreachable');
      throw new AppError('UPSTREAM_UNAVAILABLE', `The ${service} service is not answering. Try again shortly.`);
    }
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      if (isProblemDetails(body) && res.status < 500) throw new UpstreamProblem(body);
      this.logger.warn({ service, status: res.status }, 'service failed');
      throw new AppError(res.status === 503 ? 'UPSTREAM_UNAVAILABLE' : 'INTERNAL');
    }
    return { status: res.status, body: body as T };
  }
}
