import * as DateHolidays from 'date-holidays';

// date-holidays is CommonJS (module.exports = the class): without esModuleInterop (ts-node tools)
// the namespace is the class itself, with it (the services' builds) the class is its default.
const Holidays = ((DateHolidays as unknown as { default?: typeof DateHolidays.default }).default ?? DateHolidays) as unknown as typeof DateHolidays.default;

/** Swedish public holidays, plus the eves that are days off in practice (midsommarafton, julafton, nyårsafton: type "bank"). */
const holidays = new Holidays('SE', { types: ['public', 'bank'] });

/** The calendar date (YYYY-MM-DD), weekday (1 = Monday … 7 = Sunday) and time of an instant in a time zone. */
export function localCalendar(at: Date, timeZone = 'Europe/Stockholm'): { date: string; weekday: number; hour: number; minute: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts['weekday']) + 1;
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, weekday, hour: Number(parts['hour']), minute: Number(parts['minute']), time: `${parts['hour']}:${parts['minute']}` };
}

/** True on a Swedish public holiday or a day-off eve (a calendar date, YYYY-MM-DD). */
export function isSwedishHoliday(date: string): boolean {
  const found = holidays.isHoliday(new Date(`${date}T12:00:00Z`));
  return Array.isArray(found) ? found.some((h) => h.type === 'public' || h.type === 'bank') : Boolean(found);
}
