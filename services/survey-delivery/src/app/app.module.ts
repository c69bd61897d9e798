import { DynamicModule, Module } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { PlatformModule, RETENTION_RUNNER, RetentionController } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { DeliveryWorker } from './delivery/delivery.worker';
import { ExpiryScheduler } from './delivery/expiry.scheduler';
import { RetentionService } from './retention/retention.service';
import { SmsCallbackController } from './delivery/sms-callback.controller';
import { InvitationStatusConsumer } from './delivery/status.consumer';
import { AlertConsumer } from './alerts/alert.consumer';
import { AlertLadderController } from './alerts/alert-ladder.controller';
import { AlertLadderService } from './alerts/alert-ladder.service';
import { ChildQuestionnaireController } from './child-questionnaire.controller';
import { AuditLookupController } from './audit-lookup.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { QuestionnairesController } from './questionnaires/questionnaires.controller';
import { QuestionnairesService } from './questionnaires/questionnaires.service';

@Module({})
export class AppModule {
  static forRoot(config: SurveyDeliveryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'survey-delivery', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [InvitationsController, AuditLookupController, QuestionnairesController, ChildQuestionnaireController, SmsCallbackController, InvitationStatusConsumer, AlertConsumer, AlertLadderController, RetentionController],
      providers: [InvitationsService, QuestionnairesService, DeliveryWorker, ExpiryScheduler, AlertLadderService, RetentionService, { provide: RETENTION_RUNNER, useFactory: (r: RetentionService) => r.runner, inject: [RetentionService] }],
    };
  }
}
