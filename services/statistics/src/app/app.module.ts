import { DynamicModule, Module } from '@nestjs/common';
import type { StatisticsConfig } from '@delaktig/config';
import { PlatformModule } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { AnswersController } from './answers.controller';
import { AnswersQuery } from './answers.query';
import { CELL_KEY_SECRET, RecordKeys } from './disclosure/record-keys';
import { ParticipationConsumer } from './participation.consumer';
import { ParticipationController } from './participation.controller';

@Module({})
export class AppModule {
  static forRoot(config: StatisticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'statistics', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [ParticipationController, AnswersController, ParticipationConsumer],
      providers: [{ provide: CELL_KEY_SECRET, useValue: config.STATISTICS_CELL_KEY_SECRET }, RecordKeys, AnswersQuery],
    };
  }
}
