import { Inject, Injectable } from '@nestjs/common';
import { ResponseAccessedV2, type LocalizedText, type QuestionType } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { Identity, PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { AlertsService, type AlertView } from './alerts.service';
import type { CompiledVersion } from './answers.validator';
import { TEXT_CIPHER } from './child-responses.service';
import { staffScope, UUID_RE } from './scope';
import { meta, type EventContext, type StoredAnswer } from './store';
import { textAad, TextCipher } from './text-cipher';
import { VersionsService } from './versions.service';


type Texts = { sv: string | null; en: string | null };
const texts = (t: LocalizedText | undefined): Texts => ({ sv: t?.sv?.text ?? null, en: t?.en?.text ?? null });

/** An answer in words: the chosen options with their labels and pictures, the text, or the flag. */
export type AnswerShown =
  | { kind: 'option'; options: { id: string; label: Texts; icon: string | null }[] }
  | { kind: 'options'; options: { id: string; label: Texts; icon: string | null }[] }
  | { kind: 'text'; text: string }
  | { kind: 'flag'; on: boolean }
  | { kind: 'declined' };

export interface QuestionAnswerView {
  questionId: string;
  type: QuestionType | null;
  text: Texts;
  answer: AnswerShown | null;
  wantsToTalk: boolean;
  safety: boolean;
  /** The same question on the same child's earlier occasions, oldest first. */
  trend: { occasion: number; submittedAt: string; answer: AnswerShown | null }[];
}

export interface ResponseCaseView {
  invitationId: string;
  occasion: number;
  status: 'not-started' | 'draft' | 'submitted';
  submittedAt: string | null;
  questionnaireVersionId: string;
  /** Shown first: the questions where the child wants to talk, and the safety alerts. */
  wantsToTalk: { questionId: string; area: string; text: Texts }[];
  alerts: AlertView[];
  areas: { id: string; title: Texts; questions: QuestionAnswerView[] }[];
}

interface InvitationRow {
  id: string;
  district_id: string;
  occasion: number;
  child_ref: string;
  questionnaire_version_id: string;
}

/**
 * The caseworker's view of a child's submitted answers, grouped by area in questionnaire
 * order, with "want to talk" and alerts first and each question's trend over the same
 * child's earlier occasions. The only place free text is decrypted. Each read emits
 * ResponseAccessed (action view or conversation).
 */
@Injectable()
export class AnswerViewService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(TEXT_CIPHER) private readonly cipher: TextCipher,
    private readonly versions: VersionsService,
    private readonly alerts: AlertsService,
  ) {}

  async view(who: Identity, invitationId: string, mode: unknown, ctx: EventContext, exportAction?: 'export-pdf' | 'export-json'): Promise<ResponseCaseView> {
    if (!UUID_RE.test(invitationId)) throw AppError.validation([{ field: 'id', reason: 'must be an invitation id (uuid)' }]);
    if (mode !== undefined && mode !== 'view' && mode !== 'conversation') throw AppError.validation([{ field: 'mode', reason: 'must be view or conversation' }]);
    const scope = staffScope(who, { district: 'district_id', creator: 'created_by', unit: 'unit_id' }, 2);
    if (!scope) throw new AppError('FORBIDDEN', 'Only the caseworker and the unit lead read a child\'s answers.');
    const [inv] = await this.prisma.$queryRawUnsafe<InvitationRow[]>(
      `SELECT id::text, district_id, occasion, child_ref, questionnaire_version_id::text FROM invitation WHERE id = $1::uuid AND ${scope.sql}`,
      invitationId,
      ...scope.params,
    );
    if (!inv) throw new AppError('NOT_FOUND', 'No such invitation among yours.');
    const response = await this.prisma.response.findUnique({ where: { invitationId } });
    const version = await this.versions.get(inv.questionnaire_version_id);
    const alerts = await this.alerts.forInvitation(invitationId);

    const base: ResponseCaseView = {
      invitationId,
      occasion: inv.occasion,
      status: response ? (response.status as 'draft' | 'submitted') : 'not-started',
      submittedAt: response?.submittedAt?.toISOString() ?? null,
      questionnaireVersionId: inv.questionnaire_version_id,
      wantsToTalk: [],
      alerts,
      areas: [],
    };
    // Drafts are the child's until sent: staff see only submitted answers (alerts show at once).
    const shown = Boolean(response && response.status === 'submitted' && version);
    const trends = shown ? await this.trends(inv) : [];
    // Every invitation whose answers this view shows is recorded as read before anything is
    // returned: this one, and each earlier occasion its trend shows. Without the record, no answers.
    const now = new Date();
    const action = exportAction ?? (mode === 'conversation' ? 'conversation' : 'view');
    await addToOutbox(
      this.prisma,
      [invitationId, ...trends.map((t) => t.invitationId)].map((id) =>
        outboxEntry(
          ResponseAccessedV2,
          { invitationId: id, districtId: inv.district_id as never, actor: who.sub, action, at: now.toISOString(), actorRole: who.roles.includes('unit-lead') && who.unitId ? 'unit-lead' : 'caseworker', actorUnitId: who.unitId },
          meta(id, ctx, now),
        ),
      ),
    );
    if (!shown || !response || !version) return base;

    const answers = new Map(((response.answers ?? []) as unknown as StoredAnswer[]).map((a) => [a.questionId, a]));
    base.areas = version.content.areas.map((area) => ({
      id: area.id,
      title: texts(area.title),
      questions: area.questions.map((q) => {
        const a = answers.get(q.id);
        return {
          questionId: q.id,
          type: q.type,
          text: texts(q.text),
          answer: a ? this.shown(version, invitationId, a) : null,
          wantsToTalk: Boolean(a?.wantsToTalk || (a?.value.kind === 'flag' && a.value.on)),
          safety: Boolean(a?.safety),
          trend: trends.map((t) => ({ occasion: t.occasion, submittedAt: t.submittedAt, answer: t.answers.get(q.id) ?? null })).filter((t) => t.answer !== null),
        };
      }),
    }));
    base.wantsToTalk = base.areas.flatMap((area) =>
      area.questions.filter((q) => q.wantsToTalk).map((q) => ({ questionId: q.questionId, area: area.id, text: q.text })),
    );
    return base;
  }

  /** The same child's (same district and childRef) earlier submitted occasions. */
  private async trends(inv: InvitationRow): Promise<{ invitationId: string; occasion: number; submittedAt: string; answers: Map<string, AnswerShown> }[]> {
    const rows = await this.prisma.$queryRawUnsafe<{ id: string; occasion: number; submitted_at: Date; answers: StoredAnswer[]; version: string }[]>(
      `SELECT i.id::text, i.occasion, r.submitted_at, r.answers, r.questionnaire_version_id::text AS version
         FROM invitation i JOIN response r ON r.invitation_id = i.id AND r.status = 'submitted'
        WHERE i.district_id = $1 AND i.child_ref = $2 AND i.id <> $3::uuid AND i.occasion < $4
        ORDER BY i.occasion, r.submitted_at LIMIT 50`,
      inv.district_id,
      inv.child_ref,
      inv.id,
      inv.occasion,
    );
    return Promise.all(
      rows.map(async (r) => {
        const version = await this.versions.get(r.version);
        const answers = new Map<string, AnswerShown>();
        for (const a of r.answers) {
          // Free text of earlier occasions stays closed in the trend; it is read on that occasion's own view.
          if (version && a.value.kind !== 'text') answers.set(a.questionId, this.shown(version, r.id, a));
        }
        return { invitationId: r.id, occasion: r.occasion, submittedAt: r.submitted_at.toISOString(), answers };
      }),
    );
  }

  private shown(version: CompiledVersion, invitationId: string, a: StoredAnswer): AnswerShown {
    const v = a.value;
    const q = version.questions.get(a.questionId);
    const option = (id: string) => {
      const o = q?.options?.get(id);
      return { id, label: texts(o?.label), icon: o?.icon ?? null };
    };
    switch (v.kind) {
      case 'option':
        return { kind: 'option', options: [option(v.optionId)] };
      case 'options':
        return { kind: 'options', options: v.optionIds.map(option) };
      case 'text':
        return { kind: 'text', text: this.cipher.open(v.enc, textAad(invitationId, a.questionId)) };
      case 'flag':
        return { kind: 'flag', on: v.on };
      default:
        return { kind: 'declined' };
    }
  }
}
