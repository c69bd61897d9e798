import { createInvitationRequest } from './http';

const now = new Date('2026-11-22T12:00:00Z');
const schema = createInvitationRequest(now);

describe('invitation request', () => {
  it('accepts a 9-year-old in the 6–11 band and a 15-year-old in the 12–18 band', () => {
    expect(schema.safeParse({ caseReference: 'SKA-2026/123', birthYear: 2017, ageBand: '6-11' }).success).toBe(true);
    expect(schema.safeParse({ caseReference: 'SKA-2026/124', birthYear: 2011, ageBand: '12-18' }).success).toBe(true);
  });

  it('allows either band on the 11/12 boundary, since the birthday is not known', () => {
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2014, ageBand: '6-11' }).success).toBe(true);
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2014, ageBand: '12-18' }).success).toBe(true);
  });

  it('refuses a band that does not fit the birth year, naming ageBand', () => {
    const r = schema.safeParse({ caseReference: 'A1', birthYear: 2018, ageBand: '12-18' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['ageBand'], message: 'does not match birth year 2018' });
  });

  it('refuses children outside 6–18 and unknown fields', () => {
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2022, ageBand: '6-11' }).success).toBe(false);
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2017, ageBand: '6-11', districtId: 'norrmalm' }).success).toBe(false);
  });

  it('trims the case reference and refuses characters outside A–Z, digits, - and /', () => {
    expect(schema.parse({ caseReference: '  ABC-1  ', birthYear: 2017, ageBand: '6-11' }).caseReference).toBe('ABC-1');
    expect(schema.safeParse({ caseReference: 'Anna Svensson', birthYear: 2017, ageBand: '6-11' }).success).toBe(false);
  });
});
