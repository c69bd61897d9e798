import type { AlertLadder } from '@delaktig/contracts';
import Holidays from 'date-holidays';

const TIME_ZONE = 'Europe/Stockholm';
/** Swedish public holidays, plus the eves that are days off in practice (midsommarafton, julafton, nyårsafton: type "bank"). */
const holidays = new Holidays('SE', { types: ['public', 'bank'] });

/** The Stockholm calendar date (YYYY-MM-DD), weekday (1 = Monday … 7 = Sunday) and time (HH:MM) of an instant. */
export function stockholmTime(at: Date): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts['weekday']) + 1;
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, weekday, time: `${parts['hour']}:${parts['minute']}` };
}

/** True on a Swedish public holiday or a day-off eve (Stockholm calendar date). */
export function isSwedishHoliday(date: string): boolean {
  const found = holidays.isHoliday(new Date(`${date}T12:00:00Z`));
  return Array.isArray(found) ? found.some((h) => h.type === 'public' || h.type === 'bank') : Boolean(found);
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
