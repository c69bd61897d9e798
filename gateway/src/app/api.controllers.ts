import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  auditListView,
  auditVerifyView,
  auditConsistencyView,
  auditProofView,
  districtName,
  meView,
  questionnaireContent,
  questionnaireListView,
  questionnaireVersionView,
  type MeView,
} from '@delaktig/contracts';
import { Access, ALL_STAFF } from './access';
import { AuditedRead, NoChildData } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const errors = [400, 401, 403, 429, 503].map((status) => ApiResponse({ status, schema: problemSchema, description: 'Problem details' }));
const applyAll =
  (...decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, desc) => {
    for (const d of decorators) d(target, key, desc);
  };
const ProblemResponses = () => applyAll(...(errors as MethodDecorator[]));
const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const TemplateParam = () =>
  ApiParam({ name: 'templateId', description: 'Template id (uuid) or key, e.g. default-6-11.', schema: { type: 'string' } });
const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

function ctx(req: AuthedRequest) {
  return { staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() };
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  @Get()
  @Access(...ALL_STAFF)
  @ApiOperation({ summary: 'Who is signed in, in which district and with which roles.' })
  @ApiOkResponse({ schema: oas(meView) })
  @ProblemResponses()
  @NoChildData('the signed-in staff member\'s own name, district and roles')
  me(@Req() req: AuthedRequest): MeView {
    const s = req.staff!;
    return { subject: s.sub, name: s.name, districtId: s.districtId, districtName: districtName(s.districtId) ?? s.districtId, unit: s.unitId, roles: s.roles };
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly services: ServiceClient) {}

  @Get('entries')
  @Access('auditor')
  @ApiOperation({ summary: "Audit log entries of the auditor's scope, newest first." })
  @ApiOkResponse({ schema: oas(auditListView) })
  @ProblemResponses()
  @AuditedRead('audit.log-read')
  async entries(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('audit', 'GET', '/internal/v1/audit/entries', { ...ctx(req), query })).body;
  }

  @Get('verify')
  @Access('auditor')
  @ApiOperation({ summary: "Recompute a district's audit Merkle tree and hash chain, compare them with the entry seals and the last published checkpoint, and name the first altered, missing or reordered entry." })
  @ApiOkResponse({ schema: oas(auditVerifyView) })
  @ProblemResponses()
  @NoChildData('hashes, counts and positions of the log; no entry content')
  async verify(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('audit', 'GET', '/internal/v1/audit/verify', { ...ctx(req), query })).body;
  }

  @Get('proof')
  @Access('auditor')
  @ApiOperation({ summary: "RFC 9162 inclusion proof of one audit entry (?entryId) against its district's last published checkpoint." })
  @ApiOkResponse({ schema: oas(auditProofView) })
  @ProblemResponses()
  @NoChildData('hashes and the position of one entry')
  async proof(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('audit', 'GET', '/internal/v1/audit/proof', { ...ctx(req), query })).body;
  }

  @Get('consistency')
  @Access('auditor')
  @ApiOperation({ summary: "RFC 9162 consistency proof from an earlier tree size (?fromSize, ?districtId) to the district's last published checkpoint." })
  @ApiOkResponse({ schema: oas(auditConsistencyView) })
  @ProblemResponses()
  @NoChildData('hashes and tree sizes of the log')
  async consistency(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('audit', 'GET', '/internal/v1/audit/consistency', { ...ctx(req), query })).body;
  }
}

@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('api/v1/questionnaires')
export class QuestionnairesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Access(...ALL_STAFF)
  @ApiOperation({ summary: 'Questionnaire templates with their published versions; the central office also sees drafts.' })
  @ApiOkResponse({ schema: oas(questionnaireListView) })
  @ProblemResponses()
  @NoChildData('questionnaire texts')
  async list(@Req() req: AuthedRequest) {
    return (await this.services.call('survey-delivery', 'GET', '/internal/v1/questionnaires', ctx(req))).body;
  }

  @Get(':templateId/versions/:version')
  @Access(...ALL_STAFF)
  @ApiOperation({ summary: "A version's content (`latest` = newest published). Drafts only for the central office." })
  @TemplateParam()
  @ApiParam({ name: 'version', description: 'Version number, or latest.', schema: { type: 'string' } })
  @ApiOkResponse({ schema: oas(questionnaireVersionView) })
  @problem(404, 'No such questionnaire or version')
  @ProblemResponses()
  @NoChildData('questionnaire texts')
  async version(@Req() req: AuthedRequest, @Param('templateId') templateId: string, @Param('version') version: string) {
    return (await this.services.call('survey-delivery', 'GET', `/internal/v1/questionnaires/${path(templateId, 'versions', version)}`, ctx(req))).body;
  }

  @Put(':templateId/draft')
  @Access('central-analyst')
  @ApiOperation({
    summary: "Create or replace the template's single draft (central office). Invalid content gets 400 naming each path and reason.",
  })
  @TemplateParam()
  @ApiBody({ schema: oas(questionnaireContent) })
  @ApiOkResponse({ schema: oas(questionnaireVersionView) })
  @problem(404, 'No such questionnaire')
  @ProblemResponses()
  @NoChildData('questionnaire texts')
  async putDraft(@Req() req: AuthedRequest, @Param('templateId') templateId: string, @Body() body: unknown) {
    return (await this.services.call('survey-delivery', 'PUT', `/internal/v1/questionnaires/${path(templateId, 'draft')}`, { ...ctx(req), body: body ?? {} })).body;
  }

  @Post(':templateId/publish')
  @HttpCode(200)
  @Access('central-analyst')
  @ApiOperation({
    summary:
      'Publish the draft as the next immutable version (central office). 400 lists what is invalid or missing in Swedish or English; 409 when there is no draft.',
  })
  @TemplateParam()
  @ApiOkResponse({ schema: oas(questionnaireVersionView) })
  @problem(404, 'No such questionnaire')
  @problem(409, 'No draft to publish')
  @ProblemResponses()
  @NoChildData('questionnaire texts')
  async publish(@Req() req: AuthedRequest, @Param('templateId') templateId: string) {
    return (await this.services.call('survey-delivery', 'POST', `/internal/v1/questionnaires/${path(templateId, 'publish')}`, ctx(req))).body;
  }
}
