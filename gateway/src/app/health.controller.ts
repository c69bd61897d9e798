import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from './access';
import { ServiceClient, ServiceName } from './service-client';

const SERVICES: ServiceName[] = ['identity', 'survey-delivery', 'responses', 'statistics', 'audit'];

@ApiExcludeController()
@Controller('api/health')
export class HealthController {
  constructor(private readonly services: ServiceClient) {}

  @Get('live')
  @PublicRoute()
  live() {
    return { status: 'ok', service: 'gateway' };
  }

  /** Ready when every service behind the gateway is ready. */
  @Get('ready')
  @PublicRoute()
  async ready() {
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
