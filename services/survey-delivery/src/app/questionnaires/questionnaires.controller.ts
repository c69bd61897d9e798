import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { STAFF_ROLES } from '@delaktig/contracts';
import { CorrelationId, CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { QuestionnairesService } from './questionnaires.service';

@Controller('internal/v1/questionnaires')
export class QuestionnairesController {
  constructor(private readonly questionnaires: QuestionnairesService) {}

  /** Templates with their published versions (the central office also sees drafts). */
  @Get()
  @Roles(...STAFF_ROLES)
  list(@CurrentIdentity() who: Identity) {
    return this.questionnaires.list(who);
  }

  @Get(':templateId/versions/:version')
  @Roles(...STAFF_ROLES)
  version(@Param('templateId') templateId: string, @Param('version') version: string, @CurrentIdentity() who: Identity) {
    return this.questionnaires.getVersion(templateId, version, who);
  }

  @Put(':templateId/draft')
  @Roles('central-analyst')
  putDraft(@Param('templateId') templateId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return this.questionnaires.putDraft(templateId, body, who);
  }

  @Post(':templateId/publish')
  @HttpCode(200)
  @Roles('central-analyst')
  publish(@Param('templateId') templateId: string, @CurrentIdentity() who: Identity, @CorrelationId() correlationId: string) {
    return this.questionnaires.publish(templateId, who, correlationId);
  }
}
