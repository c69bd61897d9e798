import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@delaktig/config';
import { PlatformModule } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { QuestionnairesController } from './questionnaires/questionnaires.controller';
import { QuestionnairesService } from './questionnaires/questionnaires.service';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'survey-delivery', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [InvitationsController, QuestionnairesController],
      providers: [InvitationsService, QuestionnairesService],
    };
  }
}
