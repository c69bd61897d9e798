import { Controller, Get, HttpCode, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConsumerState, OutboxRelay, type SqlExecutor } from '@delaktig/messaging';
import { Public } from './identity';
import { PRISMA, SERVICE_NAME } from './tokens';

/**
 * Liveness: the process answers. Readiness: its database answers. Kafka being down does
 * not make a service unready: the outbox keeps every change until Kafka is back; the
 * Kafka state and outbox backlog are reported for operators.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(PRISMA) private readonly prisma: SqlExecutor,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly consumer?: ConsumerState,
  ) {}

  @Public()
  @Get('live')
  live() {
    return { status: 'ok', service: this.service };
  }

  @Public()
  @Get('ready')
  @HttpCode(200)
  async ready() {
    try {
      await this.prisma.$queryRawUnsafe('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('database not reachable');
    }
    return {
      status: 'ok',
      service: this.service,
      database: 'up',
      producer: this.relay ? (this.relay.kafkaConnected ? 'connected' : 'idle') : 'n/a',
      outboxBacklog: this.relay?.backlog ?? 0,
      consumer: this.consumer?.status ?? 'n/a',
    };
  }
}
