import type { AlertLadder } from '@delaktig/contracts';
import { isSwedishHoliday, localCalendar } from '@delaktig/service-kit';

export { isSwedishHoliday };

/** The Stockholm calendar date (YYYY-MM-DD), weekday (1 = Monday … 7 = Sunday) and time (HH:MM) of an instant. */
export function stockholmTime(at: Date): { date: string; weekday: number; time: string } {
  const { date, weekday, time } = localCalendar(at, 'Europe/Stockholm');
  return { date, weekday, time };
}

/**
 * Whether `at` falls within the district's office hours: a weekday that is neither a Swedish
 * public holiday nor one of the district's closed dates, from officeStart to officeEnd
 * (Europe/Stockholm). Outside them the duty contacts (socialjouren) are the last step.
 */
export function isOfficeHours(ladder: Pick<AlertLadder, 'officeStart' | 'officeEnd' | 'closedDates'>, at: Date): boolean {
  const t = stockholmTime(at);
  if (t.weekday >= 6) return false;
  if (ladder.closedDates.includes(t.date) || isSwedishHoliday(t.date)) return false;
  return t.time >= ladder.officeStart && t.time < ladder.officeEnd;
}
