import { DEFAULT_ALERT_LADDER } from '@delaktig/contracts';
import { isOfficeHours, isSwedishHoliday, stockholmTime } from './office-hours';

describe('office hours of the escalation ladder', () => {
  const ladder = { ...DEFAULT_ALERT_LADDER, officeStart: '08:00', officeEnd: '17:00', closedDates: ['2026-12-08'] };

  it('reads the time in Stockholm (CET in winter, CEST in summer)', () => {
    expect(stockholmTime(new Date('2026-12-07T07:30:00Z'))).toEqual({ date: '2026-12-07', weekday: 1, time: '08:30' });
    expect(stockholmTime(new Date('2026-06-15T06:30:00Z'))).toEqual({ date: '2026-06-15', weekday: 1, time: '08:30' });
  });

  it('is office hours on a weekday between start and end only', () => {
    expect(isOfficeHours(ladder, new Date('2026-12-07T07:30:00Z'))).toBe(true); // Monday 08:30
    expect(isOfficeHours(ladder, new Date('2026-12-07T06:30:00Z'))).toBe(false); // 07:30
    expect(isOfficeHours(ladder, new Date('2026-12-07T16:00:00Z'))).toBe(false); // 17:00
    expect(isOfficeHours(ladder, new Date('2026-12-05T10:00:00Z'))).toBe(false); // Saturday
  });

  it("is closed on Swedish public holidays, the eves that are days off, and the district's own closed dates", () => {
    expect(isSwedishHoliday('2026-04-03')).toBe(true); // långfredagen (Easter: computed by date-holidays)
    expect(isSwedishHoliday('2026-06-19')).toBe(true); // midsommarafton
    expect(isSwedishHoliday('2026-12-24')).toBe(true); // julafton
    expect(isSwedishHoliday('2026-12-07')).toBe(false);
    expect(isOfficeHours(ladder, new Date('2026-04-03T09:00:00Z'))).toBe(false);
    expect(isOfficeHours(ladder, new Date('2026-12-24T09:00:00Z'))).toBe(false);
    expect(isOfficeHours(ladder, new Date('2026-12-08T09:00:00Z'))).toBe(false); // the district's closed date
  });
});
