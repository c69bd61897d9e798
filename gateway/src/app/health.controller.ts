import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicRoute } from './access';
import { NoChildData } from './child-data';
import { ServiceClient, ServiceName } from './service-client';

const SERVICES: ServiceName[] = ['identity', 'survey-delivery', 'responses', 'statistics', 'audit'];

@ApiExcludeController()
@SkipThrottle() // orchestrator probes are never rate limited
@Controller('api/health')
export class HealthController {
  constructor(private readonly services: ServiceClient) {}

  @Get('live')
  @PublicRoute()
  @NoChildData('service health')
  live() {
    return { status: 'ok', service: 'gateway' };
  }

  /**
   * The gateway itself can take traffic. Deliberately independent of the services: one
   * service being down must not take every gateway instance out of rotation.
   */
  @Get('ready')
  @PublicRoute()
  @NoChildData('service health')
  ready() {
    return { status: 'ok', service: 'gateway' };
  }

  /** For operators and start-up scripts: 200 only when every service behind the gateway is ready. */
  @Get('services')
  @PublicRoute()
  @NoChildData('service health')
  async servicesReady() {
    const results = await Promise.all(
      SERVICES.map(async (s) => {
        try {
          await this.services.call(s, 'GET', '/health/ready', { correlationId: crypto.randomUUID() });
          return [s, 'up'] as const;
        } catch {
          return [s, 'down'] as const;
        }
      }),
    );
    const services = Object.fromEntries(results);
    if (results.some(([, state]) => state === 'down')) throw new ServiceUnavailableException({ message: `not ready: ${JSON.stringify(services)}` });
    return { status: 'ok', services };
  }
}
