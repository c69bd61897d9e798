import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import type { ServiceConfig } from '@delaktig/config';
import { ProblemExceptionFilter } from '@delaktig/errors';
import { ConsumerState, createKafka, OutboxRelay } from '@delaktig/messaging';
import { createLogger } from '@delaktig/telemetry';
import type { Kafka } from 'kafkajs';
import { HealthController } from './health.controller';
import { httpLoggerModule } from './http-logger';
import { InternalIdentityGuard } from './identity';
import { CONFIG, KAFKA, PRISMA, SERVICE_NAME } from './tokens';

export interface PlatformOptions {
  service: string;
  config: ServiceConfig;
  /** The service's own Prisma client. */
  prisma: unknown;
}

@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}
  onApplicationBootstrap() {
    this.relay.start();
  }
  async onApplicationShutdown() {
    await this.relay.stop();
  }
}

@Injectable()
class PrismaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: { $disconnect(): Promise<void> }) {}
  async onApplicationShutdown() {
    await this.prisma.$disconnect();
  }
}

/**
 * Everything a Delaktig service has in common: JSON logs with trace ids and no personal
 * data, problem responses, the gateway-identity guard on every route, health endpoints,
 * a Kafka client and the outbox relay.
 */
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformOptions): DynamicModule {
    const logger = createLogger(opts.service);
    const kafka = createKafka({
      clientId: opts.service,
      brokers: opts.config.KAFKA_BROKERS,
      logger,
      security: {
        ssl: opts.config.KAFKA_SSL,
        sslCaFile: opts.config.KAFKA_SSL_CA_FILE,
        saslMechanism: opts.config.KAFKA_SASL_MECHANISM,
        saslUsername: opts.config.KAFKA_SASL_USERNAME,
        saslPassword: opts.config.KAFKA_SASL_PASSWORD,
      },
    });
    const relay = new OutboxRelay({
      service: opts.service,
      databaseUrl: opts.config.DATABASE_URL,
      kafka,
      topicPrefix: opts.config.KAFKA_TOPIC_PREFIX,
      batchSize: opts.config.OUTBOX_BATCH_SIZE,
      pollIntervalMs: opts.config.OUTBOX_POLL_INTERVAL_MS,
      retentionHours: opts.config.OUTBOX_RETENTION_HOURS,
      processedRetentionDays: opts.config.PROCESSED_EVENT_RETENTION_DAYS,
      logger: logger.child({ component: 'outbox-relay' }),
      topics: { partitions: opts.config.KAFKA_TOPIC_PARTITIONS, replicationFactor: opts.config.KAFKA_REPLICATION_FACTOR },
    });
    const providers: Provider[] = [
      { provide: SERVICE_NAME, useValue: opts.service },
      { provide: CONFIG, useValue: opts.config },
      { provide: PRISMA, useValue: opts.prisma },
      { provide: KAFKA, useValue: kafka satisfies Kafka },
      { provide: OutboxRelay, useValue: relay },
      { provide: ConsumerState, useValue: new ConsumerState() },
      RelayLifecycle,
      PrismaLifecycle,
      { provide: APP_FILTER, useClass: ProblemExceptionFilter },
      {
        provide: APP_GUARD,
        useFactory: (reflector: Reflector) => new InternalIdentityGuard(reflector, opts.config.INTERNAL_TOKEN_SECRET),
        inject: [Reflector],
      },
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        httpLoggerModule(logger, '/health'),
      ],
      controllers: [HealthController],
      providers,
      exports: [SERVICE_NAME, CONFIG, PRISMA, KAFKA, OutboxRelay, ConsumerState],
    };
  }
}
