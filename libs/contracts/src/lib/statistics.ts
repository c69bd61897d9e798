import { z } from 'zod';
import { GENDERS, INVOLVEMENT_RATINGS } from './answers';
import { DISTRICT_IDS, type DistrictId } from './districts';
import { QUESTIONNAIRE_AREAS } from './questionnaire';

/** A count, or "<5" when it is between 1 and 4 (small cells are never shown exactly). */
export const statisticsCell = z.union([z.number().int().nonnegative(), z.literal('<5')]);
export type StatisticsCell = z.infer<typeof statisticsCell>;

export const PARTICIPATION_COUNTS = [
  'created',
  'sent',
  'deliveryFailed',
  'opened',
  'submitted',
  'answeredBeforeMeeting',
  'expired',
  'revoked',
  'feedbackGiven',
  'rated',
  'alertRaised',
  'alertAcknowledged',
  'alertAcknowledgedInTime',
] as const;

const counts = z
  .object(Object.fromEntries(PARTICIPATION_COUNTS.map((k) => [k, statisticsCell])) as Record<(typeof PARTICIPATION_COUNTS)[number], typeof statisticsCell>)
  .describe(
    'Invitations per step, counted in the month the step first happened: created, sent (invitation or resend), delivery finally failed, opened by the child, answers submitted, answered before the booked meeting, expired, revoked, feedback given, involvement rated, a safety alert raised, acknowledged, acknowledged within 60 minutes of being raised.',
  );
const ratings = z
  .object(Object.fromEntries(INVOLVEMENT_RATINGS.map((r) => [r, statisticsCell])) as Record<(typeof INVOLVEMENT_RATINGS)[number], typeof statisticsCell>)
  .describe('How involved the children felt (1–5, or "dont-know"), by the newest rating of each invitation.');

export const participationPeriodsView = z.object({
  districtId: z.enum(DISTRICT_IDS).nullable().describe('The district counted; null = every district together (central office).'),
  months: z.number().int().positive(),
  periods: z.array(z.object({ period: z.string().regex(/^\d{4}-\d{2}$/).describe('Calendar month (Europe/Stockholm).'), counts, ratings })).describe('Newest month first.'),
  total: z.object({ counts, ratings }),
});
export type ParticipationPeriodsView = z.infer<typeof participationPeriodsView>;

// ---------------------------------------------------------------------------------------------
// Answer statistics: distributions per question, split by gender, age band, district, month or
// occasion; every published count protected by the cell-key method (ADR 0011).
// ---------------------------------------------------------------------------------------------

/** How a published count is protected: see ADR 0011 (cell-key perturbation, SCB/ABS style). */
export const STATISTICS_PROTECTION = {
  method: 'cell-key',
  /** Published values 1–4 are shown as "<5". */
  threshold: 5,
  /** No published count differs from the true one by more than this. */
  maxDeviation: 2,
} as const;

export const STATISTICS_SPLITS = ['none', 'gender', 'ageBand', 'district', 'period', 'occasion'] as const;
export type StatisticsSplit = (typeof STATISTICS_SPLITS)[number];
/** First occasion or any later follow-up occasion of the same child in the district. */
export const OCCASION_KINDS = ['first', 'follow-up'] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-03');
const label = z.object({ sv: z.string(), en: z.string() }).describe('Text in Swedish and English.');

/** One group's numbers for one question (each its own protected cell: totals are never sums of published cells). */
export const answerCellsSchema = z.object({
  respondents: statisticsCell.describe('Children who were asked the question (answered it or chose "I don\'t want to answer").'),
  options: z.record(z.string(), statisticsCell).describe('Children per option (multiple choice: a child counts once in each option chosen).'),
  declined: statisticsCell.describe('"I don\'t want to answer".'),
  wantsToTalk: statisticsCell.describe('"I want to talk about this" on this question.'),
});
export type AnswerCells = z.infer<typeof answerCellsSchema>;

export const answerStatisticsQuestion = z.object({
  questionId: z.string(),
  area: z.string(),
  type: z.string(),
  text: label,
  options: z.array(z.object({ optionId: z.string(), label })),
  cells: z.record(z.string(), answerCellsSchema).describe('Per group key (see groups).'),
});
export type AnswerStatisticsQuestion = z.infer<typeof answerStatisticsQuestion>;

export const answerStatisticsView = z.object({
  scope: z.object({
    level: z.enum(['unit', 'district', 'city']).describe('Whose answers are counted: one unit, one or more districts, or the whole city.'),
    districtIds: z.array(z.enum(DISTRICT_IDS)).describe('The districts counted.'),
    unitId: z.string().nullable(),
  }),
  from: month,
  to: month,
  ageBand: z.enum(['6-11', '12-18']),
  area: z.string().nullable(),
  gender: z.string().nullable(),
  occasion: z.enum(OCCASION_KINDS).nullable(),
  paired: z.boolean().describe('Only children who answered both a first and a follow-up occasion (before/after).'),
  split: z.enum(STATISTICS_SPLITS),
  groups: z
    .array(z.object({ key: z.string(), label: label }))
    .describe('Columns: "all" first (everything in scope, its own protected cell), then one per value of the split.'),
  responses: z.record(z.string(), statisticsCell).describe('Submitted responses per group.'),
  questions: z.array(answerStatisticsQuestion),
  protection: z.object({ method: z.literal('cell-key'), threshold: z.number(), maxDeviation: z.number() }),
});
export type AnswerStatisticsView = z.infer<typeof answerStatisticsView>;

/** Query of GET /api/v1/statistics/answers (and …/answers/export). */
export const answerStatisticsQuery = z
  .object({
    from: month.optional().describe('First month (Europe/Stockholm); default 11 months before `to`.'),
    to: month.optional().describe('Last month; default the current month. At most 36 months in all.'),
    ageBand: z.enum(['6-11', '12-18'], { error: 'must be 6-11 or 12-18' }).default('12-18'),
    area: z.enum(QUESTIONNAIRE_AREAS, { error: `must be one of ${QUESTIONNAIRE_AREAS.join(', ')}` }).optional(),
    questionId: z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a question id such as home-safe').optional(),
    versionId: z.uuid({ error: 'must be the id of a published questionnaire version' }).optional(),
    gender: z.enum(GENDERS, { error: `must be one of ${GENDERS.join(', ')}` }).optional(),
    occasion: z.enum(OCCASION_KINDS, { error: 'must be first or follow-up' }).optional(),
    paired: z.enum(['true', 'false'], { error: 'must be true or false' }).optional().transform((v) => v === 'true'),
    districtIds: z
      .string()
      .max(400)
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
        const bad = ids.filter((id) => !(DISTRICT_IDS as readonly string[]).includes(id) || id === 'central');
        if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown district: ${bad.join(', ')}` });
        return [...new Set(ids)] as DistrictId[];
      })
      .describe('Comma-separated district ids (central office only; district staff always see their own district).'),
    split: z.enum(STATISTICS_SPLITS, { error: `must be one of ${STATISTICS_SPLITS.join(', ')}` }).default('none'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    if (v.from && v.to) {
      const n = monthIndex(v.to) - monthIndex(v.from) + 1;
      if (n > 36) ctx.addIssue({ code: 'custom', path: ['from'], message: 'the period may be at most 36 months' });
    }
  });
export type AnswerStatisticsQuery = z.output<typeof answerStatisticsQuery>;

export function monthIndex(m: string): number {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}
export function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Participation per district side by side (central office: every district; district staff: their own). Each number its own protected cell. */
export const participationTableView = z.object({
  months: z.number().int().positive(),
  unitId: z.string().nullable().describe("A unit lead's table counts only their unit's invitations."),
  rows: z.array(z.object({ districtId: z.enum(DISTRICT_IDS), counts, ratings })),
  total: z.object({ counts, ratings }).describe('Every district in the table together (its own protected cell, not a sum of the rows).'),
  protection: z.object({ method: z.literal('cell-key'), threshold: z.number(), maxDeviation: z.number() }),
});
export type ParticipationTableView = z.infer<typeof participationTableView>;
