import { createInvitationRequest, suggestedAgeBand, swedishMobileE164 } from './http';

const now = new Date('2026-11-22T12:00:00Z');
const schema = createInvitationRequest(now);

describe('invitation request', () => {
  it('accepts a 9-year-old in the 6–11 band and a 15-year-old in the 12–18 band', () => {
    expect(schema.safeParse({ caseReference: 'SKA-2026/123', birthYear: 2017, ageBand: '6-11', channel: 'email', email: 'a@b.se' }).success).toBe(true);
    expect(schema.safeParse({ caseReference: 'SKA-2026/124', birthYear: 2011, ageBand: '12-18', channel: 'email', email: 'a@b.se' }).success).toBe(true);
  });

  it('allows either band on the 11/12 boundary, since the birthday is not known', () => {
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2014, ageBand: '6-11', channel: 'email', email: 'a@b.se' }).success).toBe(true);
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2014, ageBand: '12-18', channel: 'email', email: 'a@b.se' }).success).toBe(true);
  });

  it('refuses a band that does not fit the birth year, naming ageBand', () => {
    const r = schema.safeParse({ caseReference: 'A1', birthYear: 2018, ageBand: '12-18', channel: 'email', email: 'a@b.se' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['ageBand'], message: 'does not match birth year 2018' });
  });

  it('refuses children outside 6–18 and unknown fields', () => {
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2022, ageBand: '6-11' }).success).toBe(false);
    expect(schema.safeParse({ caseReference: 'A1', birthYear: 2017, ageBand: '6-11', districtId: 'norrmalm' }).success).toBe(false);
  });

  it('trims the case reference and refuses characters outside A–Z, digits, - and /', () => {
    expect(schema.parse({ caseReference: '  ABC-1  ', birthYear: 2017, ageBand: '6-11', channel: 'email', email: 'a@b.se' }).caseReference).toBe('ABC-1');
    expect(schema.safeParse({ caseReference: 'Anna Svensson', birthYear: 2017, ageBand: '6-11' }).success).toBe(false);
  });
});

describe('invitation request: contact, expiry and defaults', () => {
  const base = { caseReference: 'A1', birthYear: 2017, ageBand: '6-11' as const };
  const issues = (v: object) => schema.safeParse(v).error?.issues.map((i) => [i.path.join('.'), i.message]);

  it('normalises Swedish mobile numbers to E.164 and fills defaults', () => {
    const v = schema.parse({ ...base, channel: 'sms', phone: '070-123 45 67' });
    expect(v).toMatchObject({ contact: '+46701234567', language: 'sv', discreet: true, gender: 'not-stated' });
    expect(swedishMobileE164('+46 70 123 45 67')).toBe('+46701234567');
    expect(swedishMobileE164('0046701234567')).toBe('+46701234567');
    expect(swedishMobileE164('08-123 456 78')).toBeNull();
  });

  it('names the contact field that is missing or malformed', () => {
    expect(issues({ ...base, channel: 'sms' })).toEqual([['phone', 'is required for SMS']]);
    expect(issues({ ...base, channel: 'sms', phone: '123' })).toEqual([['phone', 'must be a Swedish mobile number such as 070-123 45 67']]);
    expect(issues({ ...base, channel: 'email', email: 'nope' })).toEqual([['email', 'must be an e-mail address such as namn@example.se']]);
    expect(schema.parse({ ...base, channel: 'email', email: 'a@b.se', phone: '070-1234567' }).contact).toBe('a@b.se');
  });

  it('refuses an expiry in the past or beyond 90 days, and a meeting in the past', () => {
    expect(issues({ ...base, channel: 'email', email: 'a@b.se', expiresAt: '2026-11-01T00:00:00Z' })).toEqual([['expiresAt', 'must be in the future']]);
    expect(issues({ ...base, channel: 'email', email: 'a@b.se', expiresAt: '2027-03-01T00:00:00Z' })).toEqual([['expiresAt', 'may be at most 90 days from now']]);
    expect(issues({ ...base, channel: 'email', email: 'a@b.se', meetingDate: '2026-11-21' })).toEqual([['meetingDate', 'may not be in the past']]);
  });

  it('suggests an age band from the birth year', () => {
    expect(suggestedAgeBand(2017, now)).toBe('6-11');
    expect(suggestedAgeBand(2011, now)).toBe('12-18');
    expect(suggestedAgeBand(2022, now)).toBeNull();
  });
});
