import { Controller, Get, Injectable, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { answerStatisticsView, GENDERS, OCCASION_KINDS, participationPeriodsView, participationTableView, participationView, QUESTIONNAIRE_AREAS, STATISTICS_SPLITS } from '@delaktig/contracts';
import type { Response } from 'express';
import { FileClient } from './file-client';
import { z } from 'zod';
import { Access } from './access';
import { NoChildData } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problems = [400, 401, 403, 429, 503].map((status) => ApiResponse({ status, schema: problemSchema, description: 'Problem details' }));
const ProblemResponses = (): MethodDecorator => (target, key, desc) => {
  for (const d of problems) (d as MethodDecorator)(target, key, desc);
};
const ctx = (req: AuthedRequest) => ({ staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() });

/** The statistics service's exports (CSV, Excel) as bytes. */
@Injectable()
export class StatisticsExportClient extends FileClient {}

/** Passes the query on as given: the statistics service validates it and names every bad field. */
const passQuery = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));

const PROTECTED =
  ' Every number is protected by the cell-key method (ADR 0011): a small consistent perturbation (at most ±2) from the records\' keys, values 1–4 shown as "<5", totals their own protected cells — so no child can be recognised, also not by subtracting tables or asking again.';

const AnswerQueries = (): MethodDecorator => (target, key, desc) => {
  const qs = [
    ApiQuery({ name: 'from', required: false, description: 'First month YYYY-MM (default: 11 months before `to`).' }),
    ApiQuery({ name: 'to', required: false, description: 'Last month YYYY-MM (default: this month). At most 36 months.' }),
    ApiQuery({ name: 'ageBand', required: false, enum: ['6-11', '12-18'], description: 'Questionnaire age band (default 12-18).' }),
    ApiQuery({ name: 'area', required: false, enum: [...QUESTIONNAIRE_AREAS] }),
    ApiQuery({ name: 'questionId', required: false }),
    ApiQuery({ name: 'versionId', required: false, description: 'One published questionnaire version (default: all versions of the age band, labelled by the newest).' }),
    ApiQuery({ name: 'gender', required: false, enum: [...GENDERS] }),
    ApiQuery({ name: 'occasion', required: false, enum: [...OCCASION_KINDS] }),
    ApiQuery({ name: 'paired', required: false, enum: ['true', 'false'], description: 'Before/after: only children with a first and a follow-up occasion (their first and latest follow-up).' }),
    ApiQuery({ name: 'districtIds', required: false, description: 'Comma-separated districts (central office; default all). District staff: only their own.' }),
    ApiQuery({ name: 'split', required: false, enum: [...STATISTICS_SPLITS], description: 'Columns besides "all": gender, age band, district (district staff: their district and the city; unit leads: their unit and district), month, occasion.' }),
  ];
  for (const d of qs) (d as MethodDecorator)(target, key, desc);
};

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly files: StatisticsExportClient,
  ) {}

  @Get('answers')
  @Access('caseworker', 'unit-lead', 'district-admin', 'central-analyst')
  @ApiOperation({
    summary:
      'Answer distributions per question (respondents, each option, "I don\'t want to answer", "I want to talk about this"), split by gender, age band, district, month or occasion. Central office: the city or chosen districts; district staff: their district; unit leads: their unit. Never a single answer.' +
      PROTECTED,
  })
  @AnswerQueries()
  @ApiOkResponse({ schema: oas(answerStatisticsView) })
  @ProblemResponses()
  @NoChildData('anonymised aggregates: cells under the threshold are suppressed and protected against differencing (ADR 0011)')
  async answers(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('statistics', 'GET', '/internal/v1/answers', { ...ctx(req), query: passQuery(query) })).body;
  }

  @Get('answers/export')
  @Access('caseworker', 'unit-lead', 'district-admin', 'central-analyst')
  @ApiOperation({ summary: 'The answers view as a file: exactly the published (protected) numbers. Every export is audited (StatisticsExported).' })
  @ApiQuery({ name: 'format', required: true, enum: ['csv', 'xlsx'] })
  @AnswerQueries()
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The CSV (UTF-8, semicolon-separated, Swedish headers) or Excel file' })
  @ProblemResponses()
  @NoChildData('anonymised aggregates: cells under the threshold are suppressed and protected against differencing (ADR 0011)')
  async exportAnswers(@Req() req: AuthedRequest, @Res() res: Response, @Query() query: Record<string, unknown>) {
    const out = await this.files.get('/internal/v1/answers/export', req, passQuery(query));
    res.status(200).setHeader('content-type', out.contentType).setHeader('cache-control', 'no-store');
    if (out.disposition) res.setHeader('content-disposition', out.disposition);
    res.end(out.body);
  }

  @Get('participation/table')
  @Access('unit-lead', 'district-admin', 'central-analyst')
  @ApiOperation({ summary: 'Participation per district side by side: invitations sent, opened, answered, feedback given, ratings. Central office: every district; district staff: their own.' + PROTECTED })
  @ApiQuery({ name: 'months', required: false, description: 'How many months back, 1–36 (default 12).' })
  @ApiOkResponse({ schema: oas(participationTableView) })
  @ProblemResponses()
  @NoChildData('anonymised aggregates: cells under the threshold are suppressed and protected against differencing (ADR 0011)')
  async participationTable(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation/table', { ...ctx(req), query: passQuery(query) })).body;
  }

  @Get('participation')
  @Access('caseworker', 'unit-lead', 'district-admin', 'central-analyst')
  @ApiOperation({ summary: "Participation indicator of the caller's district." })
  @ApiOkResponse({ schema: oas(participationView) })
  @ProblemResponses()
  @NoChildData('anonymised aggregates: cells under the threshold are suppressed and protected against differencing (ADR 0011)')
  async participation(@Req() req: AuthedRequest) {
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation', ctx(req))).body;
  }

  @Get('participation/districts')
  @Access('central-analyst')
  @ApiOperation({ summary: 'Participation indicator of every district (central office).' })
  @ApiOkResponse({ schema: oas(z.object({ items: z.array(participationView) })) })
  @ProblemResponses()
  @NoChildData('anonymised aggregates: cells under the threshold are suppressed and protected against differencing (ADR 0011)')
  async participationByDistrict(@Req() req: AuthedRequest) {
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation/districts', ctx(req))).body;
  }

  @Get('participation/periods')
  @Access('district-admin', 'central-analyst')
  @ApiOperation({
    summary:
      'Participation per month: invitations created, sent, failed, opened, submitted, expired, revoked, feedback given, involvement ratings. District admins: their own district; central office: any district or all together. Counts 1–4 read "<5".',
  })
  @ApiQuery({ name: 'districtId', required: false, description: 'Central office: one district (default: all together). District admins: only their own.' })
  @ApiQuery({ name: 'months', required: false, description: 'How many months back, 1–36 (default 12).' })
  @ApiOkResponse({ schema: oas(participationPeriodsView) })
  @ProblemResponses()
  @NoChildData('anonymised aggregates: cells under the threshold are suppressed and protected against differencing (ADR 0011)')
  async periods(@Req() req: AuthedRequest, @Query('districtId') districtId?: string, @Query('months') months?: string) {
    const query: Record<string, string> = {};
    if (districtId !== undefined) query['districtId'] = districtId;
    if (months !== undefined) query['months'] = months;
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation/periods', { ...ctx(req), query })).body;
  }
}
