import { Controller, Get, HttpCode, Logger, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { alertListView, alertSummaryView, alertView, responseCaseView } from '@delaktig/contracts';
import { Access, ALL_STAFF } from './access';
import { AuditedChange, AuditedRead, NoChildData } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const common = [400, 401, 403, 429, 503].map((status) => problem(status, 'Problem details'));
const ProblemResponses = (): MethodDecorator => (target, key, desc) => {
  for (const d of common) (d as MethodDecorator)(target, key, desc);
};

function ctx(req: AuthedRequest) {
  return { staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() };
}

/**
 * Staff routes of the responses service: a child's answers for the caseworker and unit
 * lead, and safety alerts. Scope (own invitations, the unit's, never another district)
 * comes from the verified identity only.
 */
@ApiTags('responses')
@ApiBearerAuth()
@Controller('api/v1')
export class ResponsesController {
  private readonly logger = new Logger('ResponsesController');

  constructor(private readonly services: ServiceClient) {}

  /**
   * Who acknowledged, by name, for the colleagues who see the alert (identity's staff
   * registry, the caller's district). Without an answer from identity the name is null and
   * the UI says "a colleague".
   */
  private async withNames<T extends { acknowledgedBy: string | null }>(req: AuthedRequest, alerts: T[]): Promise<(T & { acknowledgedByName: string | null })[]> {
    let names: Record<string, string> = {};
    if (alerts.some((a) => a.acknowledgedBy)) {
      try {
        const r = await this.services.call<{ items: { ids: string[]; name: string }[] }>('identity', 'GET', '/internal/v1/staff-directory', ctx(req));
        for (const p of r.body.items) for (const id of p.ids) names[id] = p.name;
      } catch (e) {
        this.logger.warn({ err: (e as Error).message }, 'staff names unavailable; alerts shown without the acknowledger\'s name');
        names = {};
      }
    }
    return alerts.map((a) => ({ ...a, acknowledgedByName: a.acknowledgedBy ? (names[a.acknowledgedBy] ?? null) : null }));
  }

  @Get('invitations/:id/response')
  @Access('caseworker', 'unit-lead')
  @ApiOperation({
    summary:
      "A child's submitted answers, grouped by area in questionnaire order; \"want to talk\" and safety alerts first; each question's trend over the same child's earlier occasions. Every read is logged (ResponseAccessed).",
  })
  @ApiParam({ name: 'id', description: 'Invitation id (uuid).' })
  @ApiQuery({ name: 'mode', required: false, enum: ['view', 'conversation'], description: 'conversation: read together with the child (logged as such).' })
  @ApiOkResponse({ schema: oas(responseCaseView) })
  @problem(404, 'No such invitation among the caller\'s (or the unit\'s)')
  @ProblemResponses()
  @AuditedRead('response.view', 'response.conversation')
  async response(@Req() req: AuthedRequest, @Param('id') id: string, @Query('mode') mode?: string) {
    return (
      await this.services.call('responses', 'GET', `/internal/v1/invitations/${encodeURIComponent(id)}/response`, {
        ...ctx(req),
        query: mode === undefined ? {} : { mode },
      })
    ).body;
  }

  @Get('alerts')
  @Access(...ALL_STAFF)
  @ApiOperation({ summary: "Safety alerts: a caseworker's own invitations', a unit lead's unit's (escalated ones marked); other roles none." })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'all'], description: 'open: only unacknowledged. Default all.' })
  @ApiOkResponse({ schema: oas(alertListView) })
  @ProblemResponses()
  @AuditedRead('safety-alert.read')
  async alerts(@Req() req: AuthedRequest, @Query('status') status?: string) {
    const list = (await this.services.call<{ items: { acknowledgedBy: string | null }[]; unacknowledged: number }>('responses', 'GET', '/internal/v1/alerts', { ...ctx(req), query: status === undefined ? {} : { status } })).body;
    return { ...list, items: await this.withNames(req, list.items) };
  }

  @Get('alerts/summary')
  @Access(...ALL_STAFF)
  @NoChildData('counts of open and escalated alerts only (the header badge polls it)')
  @ApiOperation({ summary: "How many of the caller's safety alerts are unacknowledged and how many of them escalated; counts only, so polling it leaves no audit entries." })
  @ApiOkResponse({ schema: oas(alertSummaryView) })
  @ProblemResponses()
  async alertSummary(@Req() req: AuthedRequest) {
    return (await this.services.call('responses', 'GET', '/internal/v1/alerts/summary', ctx(req))).body;
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'Acknowledge a safety alert: records who and when (the first acknowledgement stands).' })
  @ApiParam({ name: 'id', description: 'Alert id (uuid).' })
  @ApiOkResponse({ schema: oas(alertView) })
  @problem(404, 'No such alert among the caller\'s')
  @ProblemResponses()
  @AuditedChange('safety-alert.acknowledged')
  async acknowledge(@Req() req: AuthedRequest, @Param('id') id: string) {
    const alert = (await this.services.call<{ acknowledgedBy: string | null }>('responses', 'POST', `/internal/v1/alerts/${encodeURIComponent(id)}/acknowledge`, ctx(req))).body;
    return (await this.withNames(req, [alert]))[0];
  }
}
