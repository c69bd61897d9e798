import { z } from 'zod';

/**
 * What a child answered to one question. Shared by the child app (drafts and submit), the
 * responses service (validation against the exact questionnaire version) and the
 * ResponseSubmitted event (free text never leaves the responses service).
 */
const id = z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an id such as home-safe');

export const answerValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('option'), optionId: id }).strict().describe('Scale, yes/no/don\'t know or single choice.'),
  z.object({ kind: z.literal('options'), optionIds: z.array(id).min(1).max(10) }).strict().describe('Multiple choice.'),
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(1000) }).strict().describe('Free text (sensitive; encrypted at rest).'),
  z.object({ kind: z.literal('flag'), on: z.boolean() }).strict().describe('Talk flag: "I want to talk about something".'),
  z.object({ kind: z.literal('declined') }).strict().describe('"I don\'t want to answer".'),
]);
export type AnswerValue = z.infer<typeof answerValue>;

export const answer = z
  .object({
    questionId: id,
    value: answerValue,
    wantsToTalk: z.boolean().default(false).describe('"I want to talk about this" on this question.'),
  })
  .strict();
export type Answer = z.infer<typeof answer>;
export type AnswerInput = z.input<typeof answer>;

/** Answers as they travel in events: free text replaced by a marker that text was given. */
export const answerForEvent = z
  .object({
    questionId: id,
    value: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('option'), optionId: id }).strict(),
      z.object({ kind: z.literal('options'), optionIds: z.array(id).min(1).max(10) }).strict(),
      z.object({ kind: z.literal('text-given') }).strict(),
      z.object({ kind: z.literal('flag'), on: z.boolean() }).strict(),
      z.object({ kind: z.literal('declined') }).strict(),
    ]),
    wantsToTalk: z.boolean(),
  })
  .strict();
export type AnswerForEvent = z.infer<typeof answerForEvent>;

export const GENDERS = ['girl', 'boy', 'other', 'not-stated'] as const;
export type Gender = (typeof GENDERS)[number];
export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Languages a child can answer in (and get messages in). */
export const CHILD_LANGUAGES = ['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi'] as const;
export type ChildLanguage = (typeof CHILD_LANGUAGES)[number];
export const INVOLVEMENT_RATINGS = ['1', '2', '3', '4', '5', 'dont-know'] as const;
export type InvolvementRating = (typeof INVOLVEMENT_RATINGS)[number];
export const INVITATION_STATUSES = ['created', 'sent', 'delivery-failed', 'opened', 'started', 'submitted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
