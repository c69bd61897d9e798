import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AuditConfig } from '@delaktig/config';
import { KAFKA, PlatformModule } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { AuditConsumer } from './audit.consumer';
import { AuditController } from './audit.controller';
import { AUDIT_KEYS, AuditLog } from './audit-log';
import { CheckpointJob, CheckpointReader } from './checkpoints';
import { loadAuditKeys } from './keys';
import { ReviewController } from './review/review.controller';
import { REVIEW_CONFIG, ReviewService } from './review/review.service';
import type { Kafka } from 'kafkajs';

@Injectable()
class ReaderLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CheckpointReader) private readonly reader: CheckpointReader) {}
  async onApplicationShutdown() {
    await this.reader.stop();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AuditConfig): DynamicModule {
    const keys = loadAuditKeys(config.AUDIT_CHECKPOINT_SIGNING_KEY, config.AUDIT_CHECKPOINT_PUBLIC_KEY);
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'audit', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [AuditController, ReviewController, AuditConsumer],
      providers: [
        AuditLog,
        ReviewService,
        { provide: REVIEW_CONFIG, useValue: config },
        CheckpointJob,
        ReaderLifecycle,
        { provide: AUDIT_KEYS, useValue: keys },
        {
          provide: CheckpointReader,
          useFactory: (kafka: Kafka) =>
            new CheckpointReader(kafka, keys, config.KAFKA_TOPIC_PREFIX, { partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR }),
          inject: [KAFKA],
        },
      ],
    };
  }
}
