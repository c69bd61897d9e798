import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  publishBlockers,
  QuestionnaireVersionPublishedV2,
  validateQuestionnaire,
  type AgeBand,
  type QuestionnaireContent,
  type QuestionnaireIssue,
  type QuestionnaireTemplateView,
  type QuestionnaireVersionSummary,
  type QuestionnaireVersionView,
} from '@delaktig/contracts';
import { AppError, type FieldError } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { Identity, PRISMA } from '@delaktig/service-kit';
import { currentTraceparent } from '@delaktig/telemetry';
import { randomUUID } from 'node:crypto';
import type { QuestionnaireTemplate as TemplateRow, QuestionnaireVersion as VersionRow } from '../../generated/prisma/client';
import type { JsonInput, Prisma } from '../../prisma';
import { contentSha256 } from './canonical';
import { DEFAULT_QUESTIONNAIRES } from './defaults';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SYSTEM_PUBLISHER = 'system';

const isCentral = (who: Identity) => who.roles.includes('central-analyst');
const toFieldErrors = (issues: QuestionnaireIssue[]): FieldError[] => issues.map((i) => ({ field: i.path || '(root)', reason: i.message }));

/**
 * Questionnaire templates and their versions. Drafts are edited by the central office;
 * publishing turns the draft into the next immutable version and writes
 * QuestionnaireVersionPublished through the outbox in the same transaction.
 */
@Injectable()
export class QuestionnairesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('QuestionnairesService');

  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * Creates the default templates and publishes their content (idempotent; safe with several instances).
   * A template without versions gets version 1. When the code's default content changed since the
   * system last published it (e.g. new translations), the new content is published as the next
   * version — but only while the template is still untouched by people (its newest version,
   * draft or published, is the system's). Published rows are never changed.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const d of DEFAULT_QUESTIONNAIRES) {
      const v = validateQuestionnaire(d.content);
      if (!v.ok || !v.content) throw new Error(`default questionnaire ${d.key} is invalid: ${v.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      const content = v.content;
      const sha = contentSha256(content);
      const published = await this.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO questionnaire_template (id, key, age_band, name_sv, name_en) VALUES ($1::uuid, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`,
          randomUUID(),
          d.key,
          d.ageBand,
          d.name.sv,
          d.name.en,
        );
        const template = await this.lockTemplate(tx, d.key);
        const newest = await tx.questionnaireVersion.findFirst({ where: { templateId: template.id }, orderBy: { version: 'desc' } });
        const seen = (await tx.questionnaireVersion.count({ where: { templateId: template.id, contentSha256: sha } })) > 0;
        const next = seedDecision(newest, sha, seen);
        if (next === null) return null;
        const now = new Date();
        const row = await tx.questionnaireVersion.create({
          data: {
            id: randomUUID(),
            templateId: template.id,
            version: next,
            status: 'published',
            content: content as unknown as JsonInput,
            contentSha256: sha,
            createdAt: now,
            createdBy: SYSTEM_PUBLISHER,
            publishedAt: now,
            publishedBy: SYSTEM_PUBLISHER,
          },
        });
        await this.publishedEvent(tx, template, row, content, `seed-${d.key}-${next}`);
        return next;
      }, { maxWait: 15_000, timeout: 60_000 }); // start-up on a busy machine: the content is large
      if (published !== null) this.logger.log({ key: d.key, version: published }, 'published default questionnaire');
    }
  }

  async list(who: Identity): Promise<{ items: QuestionnaireTemplateView[] }> {
    const templates = await this.prisma.questionnaireTemplate.findMany({
      orderBy: { key: 'asc' },
      include: { versions: { where: isCentral(who) ? {} : { status: 'published' }, orderBy: { version: 'desc' } } },
    });
    return {
      items: templates.map((t) => {
        const versions = t.versions.map(summary);
        return {
          id: t.id,
          key: t.key,
          ageBand: t.ageBand as AgeBand,
          name: { sv: t.nameSv, en: t.nameEn },
          latestPublished: versions.find((v) => v.status === 'published') ?? null,
          versions,
        };
      }),
    };
  }

  /** One version's content; `latest` is the newest published one. Drafts only for the central office. */
  async getVersion(templateRef: string, versionRef: string, who: Identity): Promise<QuestionnaireVersionView> {
    const template = await this.findTemplate(this.prisma, templateRef);
    let row: VersionRow | null;
    if (versionRef === 'latest') {
      row = await this.prisma.questionnaireVersion.findFirst({ where: { templateId: template.id, status: 'published' }, orderBy: { version: 'desc' } });
    } else {
      if (!/^[1-9]\d{0,8}$/.test(versionRef)) throw AppError.validation([{ field: 'version', reason: 'must be a version number (1, 2, …) or latest' }]);
      row = await this.prisma.questionnaireVersion.findUnique({ where: { templateId_version: { templateId: template.id, version: Number(versionRef) } } });
    }
    if (!row || (row.status !== 'published' && !isCentral(who))) throw new AppError('NOT_FOUND', `Questionnaire ${template.key} has no version ${versionRef}.`);
    return view(template, row);
  }

  /** Creates or replaces the template's single draft with validated content. */
  async putDraft(templateRef: string, body: unknown, who: Identity): Promise<QuestionnaireVersionView> {
    const v = validateQuestionnaire(body);
    if (!v.ok || !v.content) throw AppError.validation(toFieldErrors(v.errors));
    const content = v.content;
    return this.prisma.$transaction(async (tx) => {
      const template = await this.lockTemplate(tx, templateRef);
      if (content.ageBand !== template.ageBand) {
        throw AppError.validation([{ field: 'ageBand', reason: `must be ${template.ageBand}, the age band of questionnaire ${template.key}` }]);
      }
      const data = { content: content as unknown as JsonInput, contentSha256: contentSha256(content), createdBy: who.sub };
      const draft = await tx.questionnaireVersion.findFirst({ where: { templateId: template.id, status: 'draft' } });
      let row: VersionRow;
      if (draft) {
        row = await tx.questionnaireVersion.update({ where: { id: draft.id }, data });
      } else {
        const last = await tx.questionnaireVersion.aggregate({ where: { templateId: template.id }, _max: { version: true } });
        row = await tx.questionnaireVersion.create({
          data: { id: randomUUID(), templateId: template.id, version: (last._max.version ?? 0) + 1, status: 'draft', ...data },
        });
      }
      return view(template, row);
    });
  }

  /** Turns the draft into the next immutable version, if it is valid and complete in Swedish and English. */
  async publish(templateRef: string, who: Identity, correlationId: string): Promise<QuestionnaireVersionView> {
    return this.prisma.$transaction(async (tx) => {
      const template = await this.lockTemplate(tx, templateRef);
      const draft = await tx.questionnaireVersion.findFirst({ where: { templateId: template.id, status: 'draft' } });
      if (!draft) throw new AppError('CONFLICT', `Questionnaire ${template.key} has no draft to publish. Save a draft first.`);
      const v = validateQuestionnaire(draft.content);
      if (!v.ok || !v.content) throw AppError.validation(toFieldErrors(v.errors), 'The draft is not valid; fix it before publishing.');
      const missing = publishBlockers(v.content);
      if (missing.length) {
        throw AppError.validation(
          toFieldErrors(missing),
          `The draft cannot be published: ${missing.length} text(s) are missing or only machine-drafted in Swedish or English.`,
        );
      }
      const now = new Date();
      const row = await tx.questionnaireVersion.update({
        where: { id: draft.id },
        data: {
          status: 'published',
          content: v.content as unknown as JsonInput,
          contentSha256: contentSha256(v.content),
          publishedAt: now,
          publishedBy: who.sub,
        },
      });
      await this.publishedEvent(tx, template, row, v.content, correlationId);
      return view(template, row);
    });
  }

  /** The newest published version of an age band, for a new invitation. */
  async latestPublishedFor(tx: Tx, ageBand: AgeBand): Promise<string | null> {
    const row = await tx.questionnaireVersion.findFirst({
      where: { status: 'published', template: { ageBand } },
      orderBy: [{ publishedAt: 'desc' }, { version: 'desc' }],
      select: { id: true },
    });
    return row?.id ?? null;
  }

  private async publishedEvent(tx: Tx, template: TemplateRow, row: VersionRow, content: QuestionnaireContent, correlationId: string): Promise<void> {
    const publishedAt = row.publishedAt ?? new Date();
    await addToOutbox(tx, [
      outboxEntry(
        QuestionnaireVersionPublishedV2,
        {
          templateId: template.id,
          key: template.key,
          ageBand: template.ageBand as AgeBand,
          versionId: row.id,
          version: row.version,
          publishedBy: row.publishedBy ?? SYSTEM_PUBLISHER,
          publishedAt: publishedAt.toISOString(),
          contentSha256: row.contentSha256,
          content,
        },
        { key: template.id, source: 'survey-delivery', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: publishedAt },
      ),
    ]);
  }

  private async findTemplate(db: Tx, ref: string): Promise<TemplateRow> {
    const where = UUID_RE.test(ref) ? { id: ref.toLowerCase() } : KEY_RE.test(ref) && ref.length <= 100 ? { key: ref } : null;
    const template = where ? await db.questionnaireTemplate.findUnique({ where }) : null;
    if (!template) throw new AppError('NOT_FOUND', `There is no questionnaire ${ref.slice(0, 100)}.`);
    return template;
  }

  /** Finds the template and locks it for the rest of the transaction, so drafts and publishing never race. */
  private async lockTemplate(tx: Tx, ref: string): Promise<TemplateRow> {
    const template = await this.findTemplate(tx, ref);
    await tx.$queryRawUnsafe(`SELECT id FROM questionnaire_template WHERE id = $1::uuid FOR UPDATE`, template.id);
    return template;
  }
}

/**
 * Which version number the system should publish for a default whose content hashes to `sha`,
 * given the template's newest version: 1 when there is none; the next number when the newest is
 * a system-published version with other content; null (nothing to do) when the content is already
 * published or when people have taken over the template (a draft, or a version they published).
 * `seenBefore` (this content is some earlier version) stops an older instance still running during
 * a rolling deploy from publishing its old defaults again.
 */
export function seedDecision(
  newest: Pick<VersionRow, 'version' | 'status' | 'publishedBy' | 'contentSha256'> | null,
  sha: string,
  seenBefore = false,
): number | null {
  if (!newest) return 1;
  if (seenBefore) return null;
  if (newest.status !== 'published' || newest.publishedBy !== SYSTEM_PUBLISHER) return null;
  if (newest.contentSha256 === sha) return null;
  return newest.version + 1;
}

function summary(row: VersionRow): QuestionnaireVersionSummary {
  return {
    id: row.id,
    version: row.version,
    status: row.status as QuestionnaireVersionSummary['status'],
    contentSha256: row.contentSha256,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy,
  };
}

function view(template: TemplateRow, row: VersionRow): QuestionnaireVersionView {
  const v = validateQuestionnaire(row.content);
  const content = (v.content ?? row.content) as QuestionnaireContent;
  return {
    ...summary(row),
    templateId: template.id,
    key: template.key,
    ageBand: template.ageBand as AgeBand,
    content,
    warnings: v.warnings,
    missingForPublishing: v.content ? publishBlockers(v.content) : [],
  };
}
