import { Logger } from '@nestjs/common';
import { AppError, isProblemDetails } from '@delaktig/errors';
import { IDENTITY_HEADER, signIdentity } from '@delaktig/service-kit';
import type { AuthedRequest } from './auth.guard';
import { UpstreamProblem } from './service-client';

/**
 * Fetches a file (an export: PDF, JSON, CSV, Excel) from a service with the caller's signed
 * identity. The JSON ServiceClient cannot carry bytes, so this small client does.
 */
export class FileClient {
  private readonly logger = new Logger(this.constructor.name);

  constructor(private readonly opts: { url: string; secret: string; timeoutMs: number; service: string; accept: string }) {}

  get(path: string, req: AuthedRequest, query: Record<string, string>): Promise<{ contentType: string; disposition: string | null; body: Buffer }> {
    return this.request('GET', path, req, query);
  }

  /** As get, with a JSON body (for exports that need more than a query can carry). */
  post(path: string, req: AuthedRequest, query: Record<string, string>, body: unknown): Promise<{ contentType: string; disposition: string | null; body: Buffer }> {
    return this.request('POST', path, req, query, body);
  }

  private async request(method: 'GET' | 'POST', path: string, req: AuthedRequest, query: Record<string, string>, json?: unknown): Promise<{ contentType: string; disposition: string | null; body: Buffer }> {
    const url = new URL(this.opts.url + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const { name: _name, ...identity } = req.staff!;
    let res: globalThis.Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          accept: this.opts.accept,
          'x-correlation-id': req.correlationId ?? crypto.randomUUID(),
          [IDENTITY_HEADER]: await signIdentity(identity, this.opts.secret),
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      this.logger.warn({ err: (e as Error).name }, `${this.opts.service} unreachable`);
      throw new AppError('UPSTREAM_UNAVAILABLE', `The ${this.opts.service} service is not answering. Try again shortly.`);
    }
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      if (isProblemDetails(parsed) && res.status < 500) throw new UpstreamProblem(parsed);
      throw new AppError(res.status === 503 ? 'UPSTREAM_UNAVAILABLE' : 'INTERNAL');
    }
    return { contentType: res.headers.get('content-type') ?? 'application/octet-stream', disposition: res.headers.get('content-disposition'), body };
  }
}
