import { allFlags, FlagSettings, isOffHours, localTime, manyChildrenFlags, Read } from './flags';
import { reviewCsv } from './export';

const s: FlagSettings = { officeHours: { from: 7, to: 18 }, timeZone: 'Europe/Stockholm', manyChildren: 3, manyChildrenMinutes: 60 };
let n = 0;
const read = (over: Partial<Read> & { at: string }): Read => {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    entryId: id,
    seq: String(n),
    districtId: 'skarpnack',
    occurredAt: new Date(over.at),
    actor: 'sara',
    action: 'response.view',
    invitationId: `inv-${n}`,
    invitation: { createdBy: 'sara', unitId: 'u1', childRef: `child-${n}`, closedAt: null, closedReason: null },
    staff: { role: 'caseworker', unitId: 'u1' },
    ...over,
  };
};

describe('log review flags', () => {
  it('office hours are weekdays 07–18 in Stockholm, summer and winter time alike', () => {
    expect(isOffHours(new Date('2026-12-02T06:30:00Z'), s)).toBe(false); // 07:30 CET, Wednesday
    expect(isOffHours(new Date('2026-12-02T05:59:00Z'), s)).toBe(true); // 06:59
    expect(isOffHours(new Date('2026-12-02T17:00:00Z'), s)).toBe(true); // 18:00
    expect(isOffHours(new Date('2026-06-03T16:30:00Z'), s)).toBe(true); // 18:30 summer time
    expect(isOffHours(new Date('2026-06-03T15:30:00Z'), s)).toBe(false); // 17:30 summer time
    expect(isOffHours(new Date('2026-12-05T10:00:00Z'), s)).toBe(true); // Saturday
  });

  it('public holidays and day-off eves are outside office hours even on a weekday at 10:00', () => {
    expect(isOffHours(new Date('2026-06-19T08:00:00Z'), s)).toBe(true); // midsommarafton (Friday)
    expect(isOffHours(new Date('2026-12-24T09:00:00Z'), s)).toBe(true); // julafton (Thursday)
    expect(isOffHours(new Date('2026-05-14T08:00:00Z'), s)).toBe(true); // Kristi himmelsfärds dag (Thursday)
    expect(isOffHours(new Date('2026-12-23T09:00:00Z'), s)).toBe(false); // an ordinary Wednesday
  });

  it('names the local hour and weekday', () => {
    expect(localTime(new Date('2026-06-03T16:30:00Z'), 'Europe/Stockholm')).toEqual({ weekday: 3, hour: 18, minute: 30, date: '2026-06-03' });
    expect(localTime(new Date('2026-12-05T01:00:00Z'), 'Europe/Stockholm')).toEqual({ weekday: 6, hour: 2, minute: 0, date: '2026-12-05' });
  });

  it('flags a read by someone other than the creator, but not the unit lead of the unit', () => {
    const other = read({ at: '2026-12-02T09:00:00Z', actor: 'erik', staff: { role: 'caseworker', unitId: 'u1' } });
    const lead = read({ at: '2026-12-02T09:00:00Z', actor: 'johan', staff: { role: 'unit-lead', unitId: 'u1' } });
    const otherLead = read({ at: '2026-12-02T09:00:00Z', actor: 'olle', staff: { role: 'unit-lead', unitId: 'u2' } });
    expect(allFlags([other, lead, otherLead], s).map((f) => [f.kind, f.actor])).toEqual(
      expect.arrayContaining([
        ['outside-own', 'erik'],
        ['outside-own', 'olle'],
      ]),
    );
    expect(allFlags([lead], s)).toEqual([]);
  });

  it('flags reads after the invitation ended, not before', () => {
    const inv = { createdBy: 'sara', unitId: 'u1', childRef: 'c', closedAt: new Date('2026-12-02T10:00:00Z'), closedReason: 'expired' };
    expect(allFlags([read({ at: '2026-12-02T09:59:00Z', invitation: inv })], s)).toEqual([]);
    expect(allFlags([read({ at: '2026-12-02T10:01:00Z', invitation: inv })], s).map((f) => f.kind)).toEqual(['after-closed']);
  });

  it('flags many children in a short time once per burst; the same child twice counts once', () => {
    const t = (m: number) => new Date(Date.parse('2026-12-02T09:00:00Z') + m * 60_000).toISOString();
    const first = read({ at: t(0) });
    const reads = [first, read({ at: t(10) }), read({ at: t(20), invitation: { ...first.invitation! } })];
    expect(manyChildrenFlags(reads, s)).toEqual([]);
    const burst = [...reads, read({ at: t(30) }), read({ at: t(40) }), read({ at: t(200) })];
    const flags = manyChildrenFlags(burst, s);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'many-children', id: `many-children:${burst[0].entryId}`, detail: { children: 4 } });
    expect(flags[0].entryIds).toHaveLength(5);
  });
});

describe('review CSV', () => {
  it('quotes every field, doubles quotes and defuses spreadsheet formulas', async () => {
    const csv = (
      await reviewCsv({
        exportedAt: '2026-12-02T09:00:00Z',
        exportedBy: 'lars',
        scope: 'Skarpnäck',
        filter: '',
        timeZone: 'Europe/Stockholm',
        names: { sara: 'Sara "S" Lindqvist' },
        flags: [],
        entries: [
          { id: 'e1', seq: '1', districtId: 'skarpnack', occurredAt: '2026-12-02T09:00:00Z', actor: 'sara', action: 'response.view', objectType: 'invitation', objectId: '=HYPERLINK("x")', invitation: null, flags: [] },
        ],
      })
    ).toString('utf8');
    const [, row] = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(row).toBe('"1";"2026-12-02 10:00:00";"skarpnack";"Sara ""S"" Lindqvist (sara)";"Läste svaren (response.view)";"invitation";"\'=HYPERLINK(""x"")";"";"";"";""');
  });
});
