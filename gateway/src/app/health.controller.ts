import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicRoute } from './access';
import { NoChildData } from './child-data';
import { RateLimitStore } from './rate-limit-store';
import { ServiceClient, ServiceName } from './service-client';

const SERVICES: ServiceName[] = ['identity', 'survey-delivery', 'responses', 'statistics', 'audit'];

@ApiExcludeController()
@SkipThrottle() // orchestrator probes are never rate limited
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly services: ServiceClient,
    private readonly rateLimits: RateLimitStore,
  ) {}

  @Get('live')
  @PublicRoute()
  @NoChildData('service health')
  live() {
    return { status: 'ok', service: 'gateway' };
  }

  /**
   * The gateway itself can take traffic. Deliberately independent of the services: one
   * service being down must not take every gateway instance out of rotation. Nor does Redis:
   * `rateLimitStore` says where requests are counted (`redis`, shared by every replica;
   * `memory` without REDIS_URL; `memory-fallback` while Redis is unreachable).
   */
  @Get('ready')
  @PublicRoute()
  @NoChildData('service health')
  ready() {
    return { status: 'ok', service: 'gateway', rateLimitStore: this.rateLimits.state() };
  }

  /**
   * For operators and start-up scripts: 200 only when every service behind the gateway is ready
   * (and, with REDIS_URL, Redis answers: `rate-limit-store`).
   */
  @Get('services')
  @PublicRoute()
  @NoChildData('service health')
  async servicesReady() {
    const results: [string, 'up' | 'down'][] = await Promise.all(
      SERVICES.map(async (s): Promise<[string, 'up' | 'down']> => {
        try {
          await this.services.call(s, 'GET', '/health/ready', { correlationId: crypto.randomUUID() });
          return [s, 'up'];
        } catch {
          return [s, 'down'];
        }
      }),
    );
    const redis = await this.rateLimits.ping();
    if (redis) results.push(['rate-limit-store', redis]);
    const services = Object.fromEntries(results);
    if (results.some(([, state]) => state === 'down')) throw new ServiceUnavailableException({ message: `not ready: ${JSON.stringify(services)}` });
    return { status: 'ok', services };
  }
}
