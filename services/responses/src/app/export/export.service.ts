import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@delaktig/errors';
import { Identity, PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../../prisma';
import { AnswerViewService, type ResponseCaseView } from '../answer-view.service';
import { ExportMetadata, renderResponsePdf } from './pdf';

export type ExportFormat = 'pdf' | 'json';

/** The JSON export for the case file: the caseworker's answer view plus what it is and who took it out. */
export interface ResponseExport {
  kind: 'delaktig.response-export';
  formatVersion: 1;
  invitation: { id: string; occasion: number; createdAt: string | null };
  questionnaire: { versionId: string; key: string | null; version: number | null };
  submittedAt: string | null;
  exportedAt: string;
  exportedBy: { ref: string; name: string | null };
  response: ResponseCaseView;
}

/**
 * Exports a child's submitted answers for the case file, as PDF (Swedish) or JSON. Same
 * access rule as the answer view (the caseworker who created the invitation, the unit lead
 * of its unit, own district); each export emits ResponseAccessed export-pdf / export-json.
 * The child's case reference is not known here (only survey-delivery has it): the export
 * names the invitation id and the occasion.
 */
@Injectable()
export class ExportService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly answers: AnswerViewService,
  ) {}

  async export(
    who: Identity,
    invitationId: string,
    format: unknown,
    exporterName: unknown,
    ctx: { correlationId: string },
  ): Promise<{ contentType: string; filename: string; body: Buffer }> {
    if (format !== 'pdf' && format !== 'json') throw AppError.validation([{ field: 'format', reason: 'must be one of pdf, json' }]);
    const view = await this.answers.view(who, invitationId, undefined, ctx, format === 'pdf' ? 'export-pdf' : 'export-json');
    if (view.status !== 'submitted') throw new AppError('CONFLICT', 'The child has not sent any answers yet: there is nothing to export.');
    const [version, invitation] = await Promise.all([
      this.prisma.questionnaireVersion.findUnique({ where: { id: view.questionnaireVersionId } }),
      this.prisma.invitation.findUnique({ where: { id: invitationId } }),
    ]);
    const name = typeof exporterName === 'string' ? exporterName.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 100) || null : null;
    const meta: ExportMetadata = {
      questionnaire: version ? { key: version.key, version: version.version } : null,
      invitationCreatedAt: invitation?.createdAt.toISOString() ?? null,
      exportedAt: new Date().toISOString(),
      exportedBy: { ref: who.sub, name },
    };
    const base = `delaktig-svar-${invitationId.slice(0, 8)}-tillfalle-${view.occasion}`;
    if (format === 'json') {
      const doc: ResponseExport = {
        kind: 'delaktig.response-export',
        formatVersion: 1,
        invitation: { id: invitationId, occasion: view.occasion, createdAt: meta.invitationCreatedAt },
        questionnaire: { versionId: view.questionnaireVersionId, key: version?.key ?? null, version: version?.version ?? null },
        submittedAt: view.submittedAt,
        exportedAt: meta.exportedAt,
        exportedBy: meta.exportedBy,
        response: view,
      };
      return { contentType: 'application/json; charset=utf-8', filename: `${base}.json`, body: Buffer.from(JSON.stringify(doc, null, 2), 'utf8') };
    }
    return { contentType: 'application/pdf', filename: `${base}.pdf`, body: await renderResponsePdf(view, meta) };
  }
}
