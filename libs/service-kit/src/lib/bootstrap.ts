import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceConfig } from '@delaktig/config';
import { ConsumerState, KafkaEventServer } from '@delaktig/messaging';
import { createLogger } from '@delaktig/telemetry';
import { jsonBody } from '@delaktig/errors';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { KAFKA } from './tokens';

export interface BootstrapOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  config: ServiceConfig & { HOST?: string };
  /** Consumer group for the service's `@EventPattern` handlers; omit when it consumes nothing. */
  consumerGroup?: string;
}

/** Starts a service: HTTP for internal calls and health, and its Kafka consumers. */
export async function bootstrapService(opts: BootstrapOptions): Promise<INestApplication> {
  const app = await NestFactory.create(opts.module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(helmet());
  app.use(...jsonBody('256kb'));
  app.enableShutdownHooks();
  if (opts.consumerGroup) {
    app.connectMicroservice(
      {
        strategy: new KafkaEventServer({
          kafka: app.get(KAFKA),
          state: app.get(ConsumerState),
          groupId: opts.consumerGroup,
          topicPrefix: opts.config.KAFKA_TOPIC_PREFIX,
          logger: createLogger(opts.service).child({ component: 'consumer' }),
          topics: { partitions: opts.config.KAFKA_TOPIC_PARTITIONS, replicationFactor: opts.config.KAFKA_REPLICATION_FACTOR },
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(opts.config.PORT, opts.config.HOST ?? '0.0.0.0');
  return app;
}
