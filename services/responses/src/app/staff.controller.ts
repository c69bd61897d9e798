import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CorrelationId, CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { AlertsService } from './alerts.service';
import { AnswerViewService } from './answer-view.service';

/** Staff routes: the caseworker's answer view and the safety alerts (district-scoped by the signed identity). */
@Controller('internal/v1')
export class StaffController {
  constructor(
    private readonly answers: AnswerViewService,
    private readonly alerts: AlertsService,
  ) {}

  @Get('invitations/:id/response')
  @Roles('caseworker', 'unit-lead')
  response(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query('mode') mode: unknown, @CorrelationId() correlationId: string) {
    return this.answers.view(who, id, mode, { correlationId });
  }

  @Get('alerts')
  @Roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst', 'auditor')
  list(@CurrentIdentity() who: Identity, @Query('status') status: unknown, @CorrelationId() correlationId: string) {
    return this.alerts.list(who, status, { correlationId });
  }

  @Get('alerts/summary')
  @Roles('caseworker', 'unit-lead', 'district-admin', 'central-analyst', 'auditor')
  summary(@CurrentIdentity() who: Identity) {
    return this.alerts.summary(who);
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Roles('caseworker', 'unit-lead')
  acknowledge(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.alerts.acknowledge(who, id, { correlationId });
  }
}
