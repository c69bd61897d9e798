import { Body, Controller, Get, HttpCode, Injectable, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError } from '@delaktig/errors';
import type { Response } from 'express';
import { Access } from './access';
import { AuditedChange, AuditedRead, NoChildData } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { problemSchema } from './openapi';
import { FileClient } from './file-client';
import { ServiceClient } from './service-client';

const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const idPipe = new ParseUUIDPipe({ exceptionFactory: () => AppError.validation([{ field: 'id', reason: 'must be a uuid' }]) });

const feedbackView = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    invitationId: { type: 'string', format: 'uuid' },
    text: { type: 'string' },
    templateKey: { type: 'string', nullable: true },
    givenBy: { type: 'string' },
    givenAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'invitationId', 'text', 'givenAt'],
};

/** The responses service's export (PDF or JSON) as bytes. */
@Injectable()
export class ResponsesExportClient extends FileClient {}

/** Caseworker side of a child's response: export, feedback (återkoppling) and its templates. */
@ApiTags('casework')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseworkController {
  constructor(
    private readonly services: ServiceClient,
    private readonly exportClient: ResponsesExportClient,
  ) {}

  @Get('invitations/:id/response/export')
  @Access('caseworker', 'unit-lead')
  @ApiOperation({
    summary:
      "Export a child's submitted answers for the case file: `pdf` (Swedish, with questionnaire version, dates and who exported) or `json` (the answer view plus the same metadata). Audited (ResponseAccessed export-pdf / export-json).",
  })
  @ApiParam({ name: 'id', description: 'Invitation id', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'format', enum: ['pdf', 'json'], required: true })
  @ApiProduces('application/pdf', 'application/json')
  @ApiOkResponse({ description: 'The PDF document or the JSON export' })
  @problem(400, 'format is missing or not pdf/json')
  @problem(403, 'Not a caseworker or unit lead')
  @problem(404, 'No such invitation in your scope, or no submitted response')
  @AuditedRead('response.export-pdf', 'response.export-json')
  async export(@Req() req: AuthedRequest, @Res() res: Response, @Param('id', idPipe) id: string, @Query('format') format: unknown) {
    if (format !== 'pdf' && format !== 'json') throw AppError.validation([{ field: 'format', reason: 'must be one of pdf, json' }]);
    const query: Record<string, string> = { format };
    // The exporter's display name comes from the verified token only; it is printed, never stored.
    if (req.staff?.name) query['exporterName'] = req.staff.name.slice(0, 100);
    const out = await this.exportClient.get(`/internal/v1/invitations/${encodeURIComponent(id)}/response/export`, req, query);
    res.status(200).setHeader('content-type', out.contentType).setHeader('cache-control', 'no-store');
    if (out.disposition) res.setHeader('content-disposition', out.disposition);
    res.end(out.body);
  }

  @Post('invitations/:id/feedback')
  @HttpCode(201)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({
    summary:
      'Give feedback (återkoppling) to the child after the meeting: own words, optionally starting from a template. The child gets a notice by the invitation\'s channel (FeedbackGiven) and reads it behind the same code.',
  })
  @ApiParam({ name: 'id', description: 'Invitation id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 2000 }, templateKey: { type: 'string', maxLength: 64 } },
      required: ['text'],
    },
  })
  @ApiResponse({ status: 201, schema: feedbackView })
  @problem(400, 'text missing, empty or too long; unknown templateKey')
  @problem(403, 'Not a caseworker or unit lead')
  @problem(404, 'No such invitation in your scope')
  @problem(409, 'The child has not submitted answers yet')
  @AuditedChange('feedback.given')
  async giveFeedback(@Req() req: AuthedRequest, @Param('id', idPipe) id: string, @Body() body: unknown) {
    return (
      await this.services.call('responses', 'POST', `/internal/v1/invitations/${encodeURIComponent(id)}/feedback`, {
        staff: req.staff,
        correlationId: req.correlationId ?? crypto.randomUUID(),
        body: body ?? {},
      })
    ).body;
  }

  @Get('invitations/:id/feedback')
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'Feedback already given on an invitation, and the child\'s involvement rating if any.' })
  @ApiParam({ name: 'id', description: 'Invitation id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { items: { type: 'array', items: feedbackView }, rating: { type: 'string', nullable: true } },
    },
  })
  @problem(404, 'No such invitation in your scope')
  @AuditedRead('feedback.read')
  async listFeedback(@Req() req: AuthedRequest, @Param('id', idPipe) id: string) {
    return (
      await this.services.call('responses', 'GET', `/internal/v1/invitations/${encodeURIComponent(id)}/feedback`, {
        staff: req.staff,
        correlationId: req.correlationId ?? crypto.randomUUID(),
      })
    ).body;
  }

  @Get('feedback-templates')
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'Templates for feedback to a child, Swedish first with English.' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              key: { type: 'string' },
              label: { type: 'object', properties: { sv: { type: 'string' }, en: { type: 'string' } } },
              text: { type: 'object', properties: { sv: { type: 'string' }, en: { type: 'string' } } },
            },
          },
        },
      },
    },
  })
  @NoChildData('feedback templates')
  async templates(@Req() req: AuthedRequest) {
    return (await this.services.call('responses', 'GET', '/internal/v1/feedback-templates', { staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() })).body;
  }
}
