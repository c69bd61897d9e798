import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The gateway's rate limiter: @nestjs/throttler, plus the standard `Retry-After` header
 * when a named limit (e.g. `child-session`) refuses a request — the library names it
 * `Retry-After-<name>`, which browsers and clients do not know.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override setResponseHeader(res: Record<string, any>, name: string, value: string | number): void {
    super.setResponseHeader(res, name, value);
    if (name.startsWith('Retry-After-')) super.setResponseHeader(res, 'Retry-After', value);
  }
}
