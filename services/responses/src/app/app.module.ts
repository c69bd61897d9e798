import { DynamicModule, Module } from '@nestjs/common';
import type { ResponsesConfig } from '@delaktig/config';
import { PlatformModule, RETENTION_RUNNER, RetentionController } from '@delaktig/service-kit';
import { createPrisma } from '../prisma';
import { AlertsService } from './alerts.service';
import { AnswerViewService } from './answer-view.service';
import { ChildController } from './child.controller';
import { ChildResponsesService, TEXT_CIPHER } from './child-responses.service';
import { ExportController } from './export/export.controller';
import { ExportService } from './export/export.service';
import { FeedbackChildController, FeedbackStaffController } from './feedback/feedback.controller';
import { FeedbackService } from './feedback/feedback.service';
import { ProjectionsConsumer } from './projections.consumer';
import { RetentionService } from './retention.service';
import { StaffController } from './staff.controller';
import { TextCipher } from './text-cipher';
import { VersionsService } from './versions.service';

@Module({})
export class AppModule {
  static forRoot(config: ResponsesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'responses', config, prisma: createPrisma(config.DATABASE_URL) })],
      controllers: [ChildController, StaffController, ProjectionsConsumer, FeedbackStaffController, FeedbackChildController, ExportController, RetentionController],
      providers: [
        { provide: TEXT_CIPHER, useValue: new TextCipher(config.RESPONSES_ENCRYPTION_KEY_ID, config.RESPONSES_ENCRYPTION_KEY, config.RESPONSES_ENCRYPTION_OLD_KEYS) },
        VersionsService,
        ChildResponsesService,
        AlertsService,
        AnswerViewService,
        FeedbackService,
        ExportService,
        RetentionService,
        { provide: RETENTION_RUNNER, useFactory: (r: RetentionService) => r.runner, inject: [RetentionService] },
      ],
    };
  }
}
