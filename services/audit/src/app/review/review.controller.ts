import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { DISTRICT_IDS, districtName } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { reviewCsv, reviewPdf } from './export';
import { REVIEW_STATUSES } from './flags';
import { ReviewFilter, ReviewService, scopeOf } from './review.service';

const uuidList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.uuid()).max(500));

const filterQuery = z.object({
  districtId: z.enum([...DISTRICT_IDS, 'all']).optional(),
  actor: z.string().min(1).max(100).optional(),
  action: z
    .string()
    .regex(/^[a-z-]+(\.[a-z-]+|\.\*)$/, 'must be an action such as response.view, or response.* for all of a kind')
    .optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  child: z.uuid().optional(),
  invitationIds: uuidList.optional(),
  readsOnly: z.enum(['true', 'false']).optional(),
});
type FilterQuery = z.infer<typeof filterQuery>;

const listQuery = filterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeSeq: z.string().regex(/^\d{1,18}$/, 'must be a sequence number').optional(),
});

/** Dates without a time are whole days in the review's time zone is overkill here: UTC midnight; `to` is inclusive of its day. */
const day = (v: string, end: boolean) => (v.length === 10 ? new Date(Date.parse(`${v}T00:00:00Z`) + (end ? 86_400_000 : 0)) : new Date(v));

function toFilter(who: Identity, q: FilterQuery): ReviewFilter {
  const f: ReviewFilter = {
    districtId: scopeOf(who, q.districtId),
    actor: q.actor,
    action: q.action,
    from: q.from ? day(q.from, false) : undefined,
    to: q.to ? day(q.to, true) : undefined,
    child: q.child,
    invitationIds: q.invitationIds,
    readsOnly: q.readsOnly === 'true',
  };
  if (f.from && f.to && f.from >= f.to) throw AppError.validation([{ field: 'to', reason: 'must be after from' }]);
  return f;
}

/** What the log records of a read of the log: the filter, without empty fields. */
const describe = (f: ReviewFilter, extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries({ ...f, ...extra, from: f.from?.toISOString(), to: f.to?.toISOString(), districtId: f.districtId ?? 'all' }).filter(([, v]) => v !== undefined && v !== false),
    ),
  );

/** Internal HTTP of the auditors' log review (ADR 0016). Every read is itself an audit entry. */
@Controller('internal/v1/audit/review')
@Roles('auditor')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('entries')
  async entries(@CurrentIdentity() who: Identity, @Query() query: unknown, @Headers('x-correlation-id') correlationId?: string) {
    const q = parseOrThrow(listQuery, query);
    const f = toFilter(who, q);
    const items = await this.review.audited(who, f, { action: 'audit.log-read', objectType: 'audit-log', objectId: describe(f) }, correlationId ?? randomUUID(), (tx) =>
      this.review.entries(tx, f, q.limit, q.beforeSeq ? BigInt(q.beforeSeq) : undefined),
    );
    return { items, nextBeforeSeq: items.length === q.limit ? items[items.length - 1].seq : null };
  }

  @Get('flags')
  async flags(@CurrentIdentity() who: Identity, @Query() query: unknown, @Headers('x-correlation-id') correlationId?: string) {
    const f = toFilter(who, parseOrThrow(filterQuery, query));
    const items = await this.review.audited(who, f, { action: 'audit.flags-read', objectType: 'audit-log', objectId: describe(f) }, correlationId ?? randomUUID(), (tx) => this.review.flags(tx, f));
    return { items, settings: this.review.settings };
  }

  @Get('sample')
  async sample(@CurrentIdentity() who: Identity, @Query() query: unknown, @Headers('x-correlation-id') correlationId?: string) {
    const q = parseOrThrow(filterQuery.extend({ size: z.coerce.number().int().min(1).max(200).default(20) }), query);
    const f = toFilter(who, q);
    // The sample is drawn first, then recorded with the entries it drew: the recurring check can be shown afterwards.
    const items = await this.review.audited(who, f, { action: 'audit.sample-drawn', objectType: 'audit-log', objectId: describe(f, { size: q.size }) }, correlationId ?? randomUUID(), (tx) =>
      this.review.sample(tx, f, q.size),
    );
    return { items };
  }

  @Get('flags/:flagId/reviews')
  async history(@CurrentIdentity() who: Identity, @Param('flagId') flagId: string, @Headers('x-correlation-id') correlationId?: string) {
    const f: ReviewFilter = { districtId: scopeOf(who, undefined) };
    const items = await this.review.audited(who, f, { action: 'audit.flag-history-read', objectType: 'audit-flag', objectId: flagId }, correlationId ?? randomUUID(), (tx) => this.review.reviewHistory(tx, flagId));
    return { items };
  }

  @Post('flags/:flagId/reviews')
  @HttpCode(201)
  async addReview(@CurrentIdentity() who: Identity, @Param('flagId') flagId: string, @Body() body: unknown, @Headers('x-correlation-id') correlationId?: string) {
    const b = parseOrThrow(z.object({ status: z.enum(REVIEW_STATUSES), comment: z.string().trim().max(2000).default('') }), body ?? {});
    return this.review.review(who, flagId, b.status, b.comment, correlationId ?? randomUUID());
  }

  /** The review as a file (CSV or PDF): the entries of the filter with their flags and reviews. The export is itself an audit entry. */
  @Post('export')
  @HttpCode(200)
  async export(
    @CurrentIdentity() who: Identity,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
    @Res() res: Response,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const { format, ...rest } = query;
    // Printed in the file only: staff names (from identity, via the gateway) and the case reference searched for.
    const labels = parseOrThrow(
      z.object({ names: z.record(z.string().max(100), z.string().max(200)).default({}), caseReference: z.string().max(64).nullable().default(null) }),
      body ?? {},
    );
    if (format !== 'csv' && format !== 'pdf') throw AppError.validation([{ field: 'format', reason: 'must be csv or pdf' }]);
    const q = parseOrThrow(filterQuery, rest);
    const f = toFilter(who, q);
    const exportedAt = new Date();
    const data = await this.review.audited(who, f, { action: 'audit.exported', objectType: 'audit-export', objectId: describe(f, { format }) }, correlationId ?? randomUUID(), async (tx) => ({
      entries: await this.review.entries(tx, f, 5000),
      flags: await this.review.flags(tx, f),
    }));
    const x = {
      ...data,
      exportedAt: exportedAt.toISOString(),
      exportedBy: labels.names[who.sub] ? `${labels.names[who.sub]} (${who.sub})` : who.sub,
      names: labels.names,
      scope: f.districtId ? (districtName(f.districtId) ?? f.districtId) : 'Alla stadsdelar',
      filter: labels.caseReference ? `ärende ${labels.caseReference}; ${describe(f)}` : describe(f),
      timeZone: this.review.settings.timeZone,
    };
    const file = format === 'csv' ? await reviewCsv(x) : await reviewPdf(x);
    const name = `delaktig-logguppfoljning-${f.districtId ?? 'alla'}-${exportedAt.toISOString().slice(0, 10)}.${format}`;
    res
      .status(200)
      .set({ 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' })
      .send(file);
  }
}
