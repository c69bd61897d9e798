import { z } from 'zod';
import { SAFETY_ALERT_STEPS } from './events';
import { QUESTIONNAIRE_AREAS } from './questionnaire';

/**
 * Staff HTTP views of the responses service (ADR 0009): safety alerts and the caseworker's
 * answer view.
 */
const at = z.iso.datetime({ offset: true });
const texts = z.object({ sv: z.string().nullable(), en: z.string().nullable() }).describe('The text in Swedish and English.');

// Child views are in child-api.ts.

// ---- staff -------------------------------------------------------------------------------

export const alertView = z.object({
  id: z.uuid(),
  invitationId: z.uuid(),
  questionId: z.string(),
  question: texts,
  caseworker: z.string().describe('Staff id of the caseworker of the invitation.'),
  raisedAt: at,
  acknowledgedAt: at.nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedByName: z.string().nullable().optional().describe("Who acknowledged, by name (the staff registry); null when unknown. Set by the gateway."),
  escalatedAt: at.nullable(),
  escalated: z.boolean().describe('Not acknowledged in time: it climbed the escalation ladder (unit leads again, or the duty contacts).'),
  steps: z
    .array(
      z.object({
        step: z.enum(SAFETY_ALERT_STEPS).describe('raised: caseworker and unit leads at once; unit-lead: again after N minutes; duty: the duty contacts after M minutes outside office hours.'),
        reachedAt: at,
        recipients: z.number().int().describe('People (or the duty contact) notified.'),
        withoutContact: z.number().int().describe('Of those, how many have no registered work contact.'),
      }),
    )
    .describe('The escalation ladder so far, oldest first (ADR 0018).'),
});
export type AlertView = z.infer<typeof alertView>;
export const alertListView = z.object({
  items: z.array(alertView).describe('Unacknowledged first, newest first.'),
  unacknowledged: z.number().int().describe('For the badge.'),
});

/** GET /alerts/summary: counts only, for the polled header badge (nothing to audit). */
export const alertSummaryView = z.object({
  unacknowledged: z.number().int().describe('Alerts not yet acknowledged.'),
  escalated: z.number().int().describe('Of those, how many climbed the escalation ladder.'),
});

const optionShown = z.object({ id: z.string(), label: texts, icon: z.string().nullable() });
export const answerShown = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('option'), options: z.array(optionShown) }),
  z.object({ kind: z.literal('options'), options: z.array(optionShown) }),
  z.object({ kind: z.literal('text'), text: z.string().describe('Decrypted free text (only in this view).') }),
  z.object({ kind: z.literal('flag'), on: z.boolean() }),
  z.object({ kind: z.literal('declined') }),
]);
export const responseCaseView = z.object({
  invitationId: z.uuid(),
  occasion: z.number().int(),
  status: z.enum(['not-started', 'draft', 'submitted']),
  submittedAt: at.nullable(),
  questionnaireVersionId: z.uuid(),
  wantsToTalk: z.array(z.object({ questionId: z.string(), area: z.enum(QUESTIONNAIRE_AREAS), text: texts })).describe('Shown first.'),
  alerts: z.array(alertView).describe('Shown first.'),
  areas: z.array(
    z.object({
      id: z.enum(QUESTIONNAIRE_AREAS),
      title: texts,
      questions: z.array(
        z.object({
          questionId: z.string(),
          type: z.string().nullable(),
          text: texts,
          answer: answerShown.nullable(),
          wantsToTalk: z.boolean(),
          safety: z.boolean(),
          trend: z.array(z.object({ occasion: z.number().int(), submittedAt: at, answer: answerShown.nullable() })).describe("The same child's earlier occasions, oldest first."),
        }),
      ),
    }),
  ).describe('Empty until the child has submitted.'),
});
export type ResponseCaseView = z.infer<typeof responseCaseView>;
