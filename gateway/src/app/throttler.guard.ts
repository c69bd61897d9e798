import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The gateway's rate limiter: @nestjs/throttler, plus the standard `Retry-After` header
 * when a named limit (e.g. `child-session`) refuses a request — the library names it
 * `Retry-After-<name>`, which browsers and clients do not know.
 *
 * A client is tracked by `req.ip` (the library's default tracker, IPv6 by /56): Express takes
 * it from X-Forwarded-For only through the hops in TRUSTED_PROXIES ('trust proxy', main.ts),
 * so a client that is not behind a trusted proxy cannot choose its own bucket by sending the
 * header. The counters are in RateLimitStore (Redis, shared by every replica; ADR 0020).
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override setResponseHeader(res: Record<string, any>, name: string, value: string | number): void {
    super.setResponseHeader(res, name, value);
    if (name.startsWith('Retry-After-')) super.setResponseHeader(res, 'Retry-After', value);
  }
}
