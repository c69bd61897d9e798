import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@delaktig/config';
import { PlatformModule } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { ParticipationConsumer } from './participation.consumer';
import { ParticipationController } from './participation.controller';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'statistics', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [ParticipationController, ParticipationConsumer],
    };
  }
}
