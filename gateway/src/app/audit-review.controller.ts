import { Body, Controller, Get, HttpCode, Injectable, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  auditFlagListView,
  auditFlagReviewRequest,
  auditFlagReviewView,
  auditReviewListView,
  auditSampleView,
  DISTRICT_IDS,
  type AuditFlagListView,
  type AuditReviewEntryView,
} from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import type { Response } from 'express';
import { z } from 'zod';
import { Access } from './access';
import { AuditedChange, AuditedRead } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { FileClient } from './file-client';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const problems = [400, 401, 403, 429, 503].map((status) => problem(status, 'Problem details'));
const ProblemResponses = (): MethodDecorator => (target, key, desc) => {
  for (const d of problems) (d as MethodDecorator)(target, key, desc);
};
const ctx = (req: AuthedRequest) => ({ staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() });
const passQuery = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'caseReference').map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));

const FilterQueries = (): MethodDecorator => (target, key, desc) => {
  const qs = [
    ApiQuery({ name: 'districtId', required: false, enum: [...DISTRICT_IDS, 'all'], description: 'Central auditor: any district or `all`. District auditors: only their own (default).' }),
    ApiQuery({ name: 'actor', required: false, description: 'Staff id (the person who acted).' }),
    ApiQuery({ name: 'action', required: false, description: 'An action (response.view) or all of a kind (response.*).' }),
    ApiQuery({ name: 'from', required: false, description: 'From (date YYYY-MM-DD or date-time).' }),
    ApiQuery({ name: 'to', required: false, description: 'To (date inclusive, or date-time exclusive).' }),
    ApiQuery({ name: 'caseReference', required: false, description: "A child's case reference: entries about every invitation of that case in the auditor's scope." }),
    ApiQuery({ name: 'child', required: false, description: "Invitation id: entries about every invitation of the same child (all occasions) — with readsOnly=true: \"who has read this child's answers\"." }),
    ApiQuery({ name: 'readsOnly', required: false, enum: ['true', 'false'], description: "Only reads and exports of children's answers." }),
  ];
  for (const d of qs) d(target, key, desc);
};

const AUDITED = " The read is itself written to the audit log (action audit.*, by the auditor) in the same transaction, before anything is returned.";

/** The audit service's review export (CSV, PDF) as bytes. */
@Injectable()
export class AuditExportClient extends FileClient {}

type Names = Record<string, string>;

/**
 * The auditors' log review (issue 11 deliver 3, ADR 0016). The audit service holds the log and
 * its projections; the gateway adds what only other services know, for the auditor's scope:
 * names from identity's staff registry and case references from survey-delivery (which also
 * turns a case reference filter into its invitations).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit/review')
export class AuditReviewController {
  private readonly logger = new Logger('AuditReview');

  constructor(
    private readonly services: ServiceClient,
    private readonly files: AuditExportClient,
  ) {}

  /** A case reference becomes its invitations (404-free: none found means an empty result). */
  private async resolve(req: AuthedRequest, query: Record<string, unknown>): Promise<Record<string, string>> {
    const q = passQuery(query);
    const ref = typeof query['caseReference'] === 'string' ? query['caseReference'].trim() : '';
    if (!ref) return q;
    if (ref.length > 64) throw AppError.validation([{ field: 'caseReference', reason: 'must be at most 64 characters' }]);
    const found = await this.services.call<{ items: { id: string }[] }>('survey-delivery', 'GET', '/internal/v1/audit-lookup/invitations', {
      ...ctx(req),
      query: { caseReference: ref, ...(q['districtId'] ? { districtId: q['districtId'] } : {}) },
    });
    // No invitation of that case: a filter that matches nothing (the nil uuid is never an invitation).
    return { ...q, invitationIds: found.body.items.length ? found.body.items.map((i) => i.id).join(',') : '00000000-0000-0000-0000-000000000000' };
  }

  /** Names of the staff of the scope (identity's registry); empty when identity cannot answer (ids are shown instead). */
  private async names(req: AuthedRequest, districtId: string | undefined): Promise<Names> {
    try {
      const r = await this.services.call<{ items: { ids: string[]; name: string }[] }>('identity', 'GET', '/internal/v1/staff-directory', { ...ctx(req), query: districtId ? { districtId } : {} });
      const out: Names = {};
      for (const p of r.body.items) for (const id of p.ids) out[id] = p.name;
      return out;
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'staff names unavailable');
      return {};
    }
  }

  private async caseReferences(req: AuthedRequest, invitationIds: string[], districtId: string | undefined): Promise<Record<string, string>> {
    const ids = [...new Set(invitationIds.filter((i) => /^[0-9a-f-]{36}$/.test(i)))];
    if (!ids.length) return {};
    try {
      const out: Record<string, string> = {};
      for (let k = 0; k < ids.length; k += 200) {
        const r = await this.services.call<{ items: { id: string; caseReference: string }[] }>('survey-delivery', 'GET', '/internal/v1/audit-lookup/invitations', {
          ...ctx(req),
          query: { ids: ids.slice(k, k + 200).join(','), ...(districtId ? { districtId } : {}) },
        });
        for (const i of r.body.items) out[i.id] = i.caseReference;
      }
      return out;
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'case references unavailable');
      return {};
    }
  }

  private async enrichEntries(req: AuthedRequest, items: Omit<AuditReviewEntryView, 'actorName' | 'caseReference'>[], districtId: string | undefined): Promise<AuditReviewEntryView[]> {
    const [names, refs] = await Promise.all([this.names(req, districtId), this.caseReferences(req, items.filter((e) => e.objectType === 'invitation').map((e) => e.objectId), districtId)]);
    return items.map((e) => ({
      ...e,
      actorName: names[e.actor] ?? null,
      caseReference: e.objectType === 'invitation' ? (refs[e.objectId] ?? null) : null,
      invitation: e.invitation ? { ...e.invitation, createdByName: names[e.invitation.createdBy] ?? null } : null,
    }));
  }

  @Get('entries')
  @Access('auditor')
  @ApiOperation({ summary: "Audit log entries of the auditor's scope, newest first, filtered by person, child (case reference or all occasions of an invitation's child), action, period and district; each read of a child's answers with its flags and their review status." + AUDITED })
  @FilterQueries()
  @ApiQuery({ name: 'limit', required: false, description: '1–500 (default 100).' })
  @ApiQuery({ name: 'beforeSeq', required: false, description: 'Next page: the last seq of the previous one.' })
  @ApiOkResponse({ schema: oas(auditReviewListView) })
  @ProblemResponses()
  @AuditedRead('audit.log-read')
  async entries(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    const q = await this.resolve(req, query);
    const body = (await this.services.call<{ items: AuditReviewEntryView[]; nextBeforeSeq: string | null }>('audit', 'GET', '/internal/v1/audit/review/entries', { ...ctx(req), query: q })).body;
    return { items: await this.enrichEntries(req, body.items, q['districtId']), nextBeforeSeq: body.nextBeforeSeq };
  }

  @Get('flags')
  @Access('auditor')
  @ApiOperation({
    summary:
      "Unusual reads of children's answers in the filter's period, each with its latest review: outside one's own invitations (not the creator, nor the unit's lead), many children in a short time (AUDIT_FLAG_MANY_CHILDREN within AUDIT_FLAG_MANY_CHILDREN_MINUTES), outside office hours (AUDIT_OFFICE_HOURS on weekdays, AUDIT_TIME_ZONE), after the invitation was revoked or expired." +
      AUDITED,
  })
  @FilterQueries()
  @ApiOkResponse({ schema: oas(auditFlagListView) })
  @ProblemResponses()
  @AuditedRead('audit.flags-read')
  async flags(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    const q = await this.resolve(req, query);
    const body = (await this.services.call<AuditFlagListView>('audit', 'GET', '/internal/v1/audit/review/flags', { ...ctx(req), query: q })).body;
    const [names, refs] = await Promise.all([this.names(req, q['districtId']), this.caseReferences(req, body.items.flatMap((f) => f.invitationIds), q['districtId'])]);
    return {
      ...body,
      items: body.items.map((f) => ({
        ...f,
        actorName: names[f.actor] ?? null,
        caseReferences: [...new Set(f.invitationIds.map((i) => refs[i]).filter((r): r is string => !!r))],
        review: f.review ? { ...f.review, reviewedByName: names[f.review.reviewedBy] ?? null } : null,
      })),
    };
  }

  @Get('sample')
  @Access('auditor')
  @ApiOperation({ summary: "A random sample of reads of children's answers in the filter's period, for the recurring check; each can be given a review (flag id sample:<entry id>)." + AUDITED })
  @FilterQueries()
  @ApiQuery({ name: 'size', required: false, description: '1–200 (default 20).' })
  @ApiOkResponse({ schema: oas(auditSampleView) })
  @ProblemResponses()
  @AuditedRead('audit.sample-drawn')
  async sample(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    const q = await this.resolve(req, query);
    const body = (await this.services.call<{ items: AuditReviewEntryView[] }>('audit', 'GET', '/internal/v1/audit/review/sample', { ...ctx(req), query: q })).body;
    return { items: await this.enrichEntries(req, body.items, q['districtId']) };
  }

  @Get('flags/:flagId/reviews')
  @Access('auditor')
  @ApiOperation({ summary: 'Every review of one flag, newest first (reviews are appended, never changed).' + AUDITED })
  @ApiParam({ name: 'flagId', description: 'e.g. off-hours:<entry id>' })
  @ApiOkResponse({ schema: oas(z.object({ items: z.array(auditFlagReviewView) })) })
  @ProblemResponses()
  @AuditedRead('audit.flag-history-read')
  async history(@Req() req: AuthedRequest, @Param('flagId') flagId: string) {
    return (await this.services.call('audit', 'GET', `/internal/v1/audit/review/flags/${encodeURIComponent(flagId)}/reviews`, ctx(req))).body;
  }

  @Post('flags/:flagId/reviews')
  @HttpCode(201)
  @Access('auditor')
  @ApiOperation({ summary: "Review a flag (or a sampled read): status open | in-review | justified | reported and a comment. Appended; the review is itself an audit entry (audit.flag-reviewed)." })
  @ApiParam({ name: 'flagId', description: 'e.g. outside-own:<entry id>, sample:<entry id>' })
  @ApiBody({ schema: oas(auditFlagReviewRequest) })
  @ApiResponse({ status: 201, schema: oas(auditFlagReviewView.extend({ flagId: z.string() })) })
  @problem(404, "No such flag in the auditor's scope")
  @ProblemResponses()
  @AuditedChange('audit.flag-reviewed')
  async review(@Req() req: AuthedRequest, @Param('flagId') flagId: string, @Body() body: unknown) {
    return (await this.services.call('audit', 'POST', `/internal/v1/audit/review/flags/${encodeURIComponent(flagId)}/reviews`, { ...ctx(req), body: body ?? {} })).body;
  }

  @Get('export')
  @Access('auditor')
  @ApiOperation({ summary: "The review as a file: the filter's entries with their flags, review status and comments (CSV: UTF-8, semicolons; PDF: Swedish). The export is itself an audit entry (audit.exported)." })
  @ApiQuery({ name: 'format', required: true, enum: ['csv', 'pdf'] })
  @FilterQueries()
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The CSV or PDF file' })
  @ProblemResponses()
  @AuditedRead('audit.exported')
  async export(@Req() req: AuthedRequest, @Res() res: Response, @Query() query: Record<string, unknown>) {
    const q = await this.resolve(req, query);
    const names = await this.names(req, q['districtId']);
    const caseReference = typeof query['caseReference'] === 'string' ? query['caseReference'].trim().slice(0, 64) : undefined;
    // Names and the searched case reference are printed in the file, never stored by the audit service.
    const out = await this.files.post('/internal/v1/audit/review/export', req, q, { names, caseReference: caseReference || null });
    res.status(200).setHeader('content-type', out.contentType).setHeader('cache-control', 'no-store');
    if (out.disposition) res.setHeader('content-disposition', out.disposition);
    res.end(out.body);
  }
}
