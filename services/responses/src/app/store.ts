import type { Answer, AnswerForEvent } from '@delaktig/contracts';
import { SafetyAlertRaisedV1 } from '@delaktig/contracts';
import { outboxEntry, type OutboxEntry, type SqlExecutor } from '@delaktig/messaging';
import { currentTraceparent } from '@delaktig/telemetry';
import { randomUUID } from 'node:crypto';
import { textAad, type SealedText, type TextCipher } from './text-cipher';

/** An answer as stored in `response.answers`: free text only sealed. */
export type StoredValue = Exclude<Answer['value'], { kind: 'text' }> | { kind: 'text'; enc: SealedText };
export interface StoredAnswer {
  questionId: string;
  value: StoredValue;
  wantsToTalk: boolean;
  /** A safety-marked option was chosen. */
  safety?: true;
}

/** The invitation row as the child routes read it, with its response if any. */
export interface InvitationState {
  id: string;
  districtId: string;
  unitId: string | null;
  createdBy: string;
  ageBand: string;
  gender: string;
  occasion: number;
  childRef: string;
  questionnaireVersionId: string;
  expiresAt: Date;
  expiredAt: Date | null;
  revokedAt: Date | null;
  responseId: string | null;
  status: 'draft' | 'submitted' | null;
  submitKey: string | null;
  submittedAt: Date | null;
  safetyRaised: boolean | null;
}

export const INVITATION_STATE_SQL = `
  SELECT i.id::text, i.district_id AS "districtId", i.unit_id AS "unitId", i.created_by AS "createdBy", i.age_band AS "ageBand",
         i.gender, i.occasion, i.child_ref AS "childRef", i.questionnaire_version_id::text AS "questionnaireVersionId",
         i.expires_at AS "expiresAt", i.expired_at AS "expiredAt", i.revoked_at AS "revokedAt",
         r.id::text AS "responseId", r.status, r.submit_key AS "submitKey", r.submitted_at AS "submittedAt", r.safety_raised AS "safetyRaised"
    FROM invitation i LEFT JOIN response r ON r.invitation_id = i.id
   WHERE i.id = $1::uuid`;

export function sealAnswers(cipher: TextCipher, invitationId: string, answers: Answer[], safety: Set<string>): StoredAnswer[] {
  return answers.map((a) => {
    const value: StoredValue = a.value.kind === 'text' ? { kind: 'text', enc: cipher.seal(a.value.text, textAad(invitationId, a.questionId)) } : a.value;
    return { questionId: a.questionId, value, wantsToTalk: a.wantsToTalk, ...(safety.has(a.questionId) ? { safety: true as const } : {}) };
  });
}

export function openAnswer(cipher: TextCipher, invitationId: string, a: StoredAnswer): Answer {
  const value = a.value.kind === 'text' ? { kind: 'text' as const, text: cipher.open(a.value.enc, textAad(invitationId, a.questionId)) } : a.value;
  return { questionId: a.questionId, value, wantsToTalk: a.wantsToTalk };
}

/** Pseudonymous form for events: free text becomes `text-given`. */
export function forEvent(a: StoredAnswer): AnswerForEvent {
  return { questionId: a.questionId, value: a.value.kind === 'text' ? { kind: 'text-given' } : a.value, wantsToTalk: a.wantsToTalk };
}

export interface EventContext {
  correlationId: string;
  causationId?: string;
}

export const meta = (key: string, ctx: EventContext, at: Date) => ({
  key,
  source: 'responses',
  correlationId: ctx.correlationId,
  causationId: ctx.causationId ?? ctx.correlationId,
  traceparent: currentTraceparent(),
  occurredAt: at,
});

/**
 * Creates the safety alerts of these questions that do not exist yet (one per invitation
 * and question, however often the child saves) and returns their SafetyAlertRaised events.
 */
export async function raiseAlerts(
  tx: SqlExecutor,
  inv: Pick<InvitationState, 'id' | 'districtId' | 'unitId' | 'createdBy'>,
  questionIds: string[],
  now: Date,
  ctx: EventContext,
): Promise<OutboxEntry[]> {
  if (questionIds.length === 0) return [];
  const ids = questionIds.map(() => randomUUID());
  const created = await tx.$queryRawUnsafe<{ id: string; question_id: string }[]>(
    `INSERT INTO safety_alert (id, invitation_id, question_id, district_id, unit_id, caseworker, raised_at)
     SELECT t.id, $2::uuid, t.q, $3, $4, $5, $6::timestamptz FROM unnest($1::uuid[], $7::text[]) AS t(id, q)
     ON CONFLICT (invitation_id, question_id) DO NOTHING RETURNING id::text, question_id`,
    ids,
    inv.id,
    inv.districtId,
    inv.unitId,
    inv.createdBy,
    now.toISOString(),
    questionIds,
  );
  return created.map((r) =>
    outboxEntry(
      SafetyAlertRaisedV1,
      {
        alertId: r.id,
        invitationId: inv.id,
        districtId: inv.districtId as never,
        unitId: inv.unitId,
        caseworker: inv.createdBy,
        questionId: r.question_id,
        raisedAt: now.toISOString(),
      },
      meta(r.id, ctx, now),
    ),
  );
}
