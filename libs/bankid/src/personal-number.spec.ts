import { isValidPersonalIdentityNumber, parsePersonalIdentityNumber, PersonalIdentityNumberError } from './personal-number';

// An independent Luhn implementation, so that the test does not trust the code under test.
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
function checkDigit(nine: string): string {
  const sum = [...nine].reduce((acc, ch, i) => acc + (i % 2 === 0 ? DOUBLED[Number(ch)] : Number(ch)), 0);
  return String((10 - (sum % 10)) % 10);
}
/** A valid 12-digit number for YYYYMMDD + three-digit serial. */
const pnr = (yyyymmdd: string, serial: string) => `${yyyymmdd}${serial}${checkDigit(yyyymmdd.slice(2) + serial)}`;
const wrongCheck = (valid: string) => valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);

const NOW = new Date(2026, 2, 1, 12, 0, 0); // 1 March 2026, local time
const parse = (s: string) => parsePersonalIdentityNumber(s, { now: NOW });
const failure = (s: string) => {
  try {
    parse(s);
  } catch (err) {
    return err as PersonalIdentityNumberError;
  }
  throw new Error('expected a PersonalIdentityNumberError');
};

describe('parsePersonalIdentityNumber', () => {
  it('accepts the test person 198112289874 in every form', () => {
    expect(checkDigit('811228987')).toBe('4');
    for (const form of ['198112289874', '19811228-9874', '811228-9874', '8112289874', ' 811228-9874 ']) {
      expect(parse(form)).toEqual({
        normalized: '198112289874',
        birthDate: '1981-12-28',
        coordination: false,
        masked: '19811228-****',
      });
    }
  });

  it('reads YYMMDD+NNNN as a person aged 100 or more', () => {
    const valid = pnr('19201005', '986');
    expect(parse(`201005+${valid.slice(8)}`).normalized).toBe(valid); // 1920: 105 years old
    expect(parse(`201005-${valid.slice(8)}`).normalized).toBe(`20${valid.slice(2)}`); // 2020: 5 years old
  });

  it('infers the century so that the person is under 100 with "-"', () => {
    const laterThisYear = pnr('19260815', '982'); // 15 Aug 26 has not happened yet in 2026 → 1926
    expect(parse(`260815-${laterThisYear.slice(8)}`).birthDate).toBe('1926-08-15');
    const earlierThisYear = pnr('20260215', '982');
    expect(parse(`260215-${earlierThisYear.slice(8)}`).birthDate).toBe('2026-02-15');
  });

  it('accepts coordination numbers (day + 60) and reports the real birth date', () => {
    const coordination = pnr('19840871', '988');
    expect(parse(coordination)).toEqual({
      normalized: coordination,
      birthDate: '1984-08-11',
      coordination: true,
      masked: '19840871-****',
    });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parse(pnr('20000229', '982')).birthDate).toBe('2000-02-29');
    expect(failure(pnr('19000229', '982')).code).toBe('date');
  });

  it.each([
    ['month 13', pnr('19811328', '987'), 'date'],
    ['day 32', pnr('19811232', '987'), 'date'],
    ['day 0', pnr('19811200', '987'), 'date'],
    ['coordination day 92', pnr('19811292', '987'), 'date'],
    ['31 April', pnr('19810431', '987'), 'date'],
    ['a future date', pnr('20260302', '982'), 'future'],
    ['a wrong check digit', wrongCheck('198112289874'), 'checksum'],
    ['a wrong check digit (10 digits)', wrongCheck('198112289874').slice(2), 'checksum'],
    ['too few digits', '19811228987', 'format'],
    ['letters', '19811228-98A4', 'format'],
    ['+ with a 12-digit number', '19811228+9874', 'format'],
    ['an empty string', '', 'format'],
  ])('rejects %s', (_label, input, code) => {
    const err = failure(input);
    expect(err).toBeInstanceOf(PersonalIdentityNumberError);
    expect(err.code).toBe(code);
    expect(err.reason.length).toBeGreaterThan(10);
  });

  it('gives a Swedish reason that never contains the number', () => {
    const err = failure(wrongCheck('198112289874'));
    expect(err.message).toBe('Personnumrets sista siffra (kontrollsiffran) stämmer inte. Kontrollera att du har skrivit rätt.');
    expect(err.message).not.toMatch(/\d{4}/);
    expect(err.reasonEn).toMatch(/check digit/);
  });

  it('has a boolean helper', () => {
    expect(isValidPersonalIdentityNumber('198112289874')).toBe(true);
    expect(isValidPersonalIdentityNumber('198112289875')).toBe(false);
  });
});
