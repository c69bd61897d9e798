import { z } from 'zod';
import { INVOLVEMENT_RATINGS } from './answers';
import { DISTRICT_IDS } from './districts';

/** A count, or "<5" when it is between 1 and 4 (small cells are never shown exactly). */
export const statisticsCell = z.union([z.number().int().nonnegative(), z.literal('<5')]);
export type StatisticsCell = z.infer<typeof statisticsCell>;

export const PARTICIPATION_COUNTS = ['created', 'sent', 'deliveryFailed', 'opened', 'submitted', 'expired', 'revoked', 'feedbackGiven', 'rated'] as const;

const counts = z
  .object(Object.fromEntries(PARTICIPATION_COUNTS.map((k) => [k, statisticsCell])) as Record<(typeof PARTICIPATION_COUNTS)[number], typeof statisticsCell>)
  .describe(
    'Invitations per step, counted in the month the step first happened: created, sent (invitation or resend), delivery finally failed, opened by the child, answers submitted, expired, revoked, feedback given, involvement rated.',
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
