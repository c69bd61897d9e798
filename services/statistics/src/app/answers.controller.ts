import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { answerStatisticsQuery, StatisticsExportedV1, type AnswerStatisticsQuery, type AnswerStatisticsView } from '@delaktig/contracts';
import { AppError, fieldErrorsFromZod } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { CurrentIdentity, Identity, PRISMA, Roles } from '@delaktig/service-kit';
import type { Response } from 'express';
import type { Prisma } from '../prisma';
import { AnswersQuery } from './answers.query';
import { toCsv, toXlsx } from './export';

const STATISTICS_ROLES = ['caseworker', 'unit-lead', 'district-admin', 'central-analyst'] as const;

@Controller('internal/v1/answers')
export class AnswersController {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly answers: AnswersQuery,
  ) {}

  /** Answer distributions per question of the caller's scope, every number protected (ADR 0011). */
  @Get()
  @Roles(...STATISTICS_ROLES)
  async view(@CurrentIdentity() who: Identity, @Query() query: Record<string, string>): Promise<AnswerStatisticsView> {
    return this.answers.view(who, parseQuery(query));
  }

  /**
   * The same view as a file (CSV or Excel) with exactly the published numbers. The export is
   * audited (StatisticsExported, written in the same transaction as the export is committed to)
   * before the file is returned.
   */
  @Get('export')
  @Roles(...STATISTICS_ROLES)
  async export(
    @CurrentIdentity() who: Identity,
    @Query() query: Record<string, string>,
    @Res() res: Response,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<void> {
    const { format, ...rest } = query;
    if (format !== 'csv' && format !== 'xlsx') throw AppError.validation([{ field: 'format', reason: 'must be csv or xlsx' }]);
    const view = await this.answers.view(who, parseQuery(rest));
    const body = format === 'csv' ? Buffer.from(toCsv(view), 'utf8') : await toXlsx(view);
    const exportId = crypto.randomUUID();
    const now = new Date();
    await addToOutbox(this.prisma, [
      outboxEntry(
        StatisticsExportedV1,
        {
          exportId,
          districtId: who.districtId,
          actor: who.sub,
          format,
          report: 'answers',
          scope: { level: view.scope.level, districtIds: view.scope.districtIds, unitId: view.scope.unitId },
          filters: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k.slice(0, 40), String(v).slice(0, 400)])),
          at: now.toISOString(),
        },
        { key: exportId, source: 'statistics', correlationId: correlationId ?? exportId, occurredAt: now },
      ),
    ]);
    const name = `delaktig-statistik-${view.from}-${view.to}.${format}`;
    res
      .status(200)
      .set({
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      })
      .send(body);
  }
}

/** The query, or a 400 naming each bad parameter. */
function parseQuery(query: Record<string, string>): AnswerStatisticsQuery {
  const r = answerStatisticsQuery.safeParse(query);
  if (!r.success) throw AppError.validation(fieldErrorsFromZod(r.error).map((e) => (e.field === '(body)' ? { ...e, field: '(query)' } : e)));
  return r.data;
}
