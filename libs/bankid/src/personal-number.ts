/**
 * Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day of birth + 60).
 *
 * Accepted input forms (surrounding whitespace ignored):
 *   YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDD-NNNC, YYMMDDNNNC, YYMMDD+NNNC (100 years or older).
 * For the two-digit-year forms the century is the one that makes the person
 * younger than 100 ("-" or no separator) or at least 100 ("+") on the reference date.
 */

export type PersonalIdentityNumberErrorCode = 'format' | 'date' | 'future' | 'checksum';

const REASONS_SV: Record<PersonalIdentityNumberErrorCode, string> = {
  format: 'Personnumret har fel format. Skriv 12 siffror (ÅÅÅÅMMDDNNNN) eller ÅÅMMDD-NNNN.',
  date: 'Personnumret innehåller inget giltigt födelsedatum.',
  future: 'Födelsedatumet i personnumret ligger i framtiden.',
  checksum: 'Personnumrets sista siffra (kontrollsiffran) stämmer inte. Kontrollera att du har skrivit rätt.',
};

const REASONS_EN: Record<PersonalIdentityNumberErrorCode, string> = {
  format: 'The personal identity number has the wrong format. Use 12 digits (YYYYMMDDNNNN) or YYMMDD-NNNN.',
  date: 'The personal identity number does not contain a valid date of birth.',
  future: 'The date of birth in the personal identity number is in the future.',
  checksum: 'The last digit (check digit) of the personal identity number is wrong.',
};

/**
 * Thrown for an invalid number. The message is the Swedish reason and never
 * contains the number itself, so the error is safe to log.
 */
export class PersonalIdentityNumberError extends Error {
  override readonly name = 'PersonalIdentityNumberError';
  /** Swedish, user-facing reason. */
  readonly reason: string;
  /** English alternative. */
  readonly reasonEn: string;

  constructor(readonly code: PersonalIdentityNumberErrorCode) {
    super(REASONS_SV[code]);
    this.reason = REASONS_SV[code];
    this.reasonEn = REASONS_EN[code];
  }
}

export interface PersonalIdentityNumber {
  /** 12 digits, YYYYMMDDNNNC (for a coordination number the day is the day of birth + 60). */
  normalized: string;
  /** The real date of birth, YYYY-MM-DD. */
  birthDate: string;
  /** True for a samordningsnummer. */
  coordination: boolean;
  /** YYYYMMDD-**** — for display where the full number must not be shown. */
  masked: string;
}

export interface ParsePersonalIdentityNumberOptions {
  /** Reference "today" for century inference and the future check; defaults to now. */
  now?: Date | number;
}

const PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/** Luhn check digit for the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function parsePersonalIdentityNumber(
  input: string,
  options: ParsePersonalIdentityNumberOptions = {},
): PersonalIdentityNumber {
  if (typeof input !== 'string') throw new PersonalIdentityNumberError('format');
  const match = PATTERN.exec(input.trim());
  if (!match) throw new PersonalIdentityNumberError('format');
  const [, century, yy, mm, dd, separator, serial, check] = match;
  // The '+' form only exists for the 10-digit number.
  if (century !== undefined && separator === '+') throw new PersonalIdentityNumberError('format');

  const nowDate = options.now === undefined ? new Date() : new Date(options.now);
  const today = {
    year: nowDate.getFullYear(),
    month: nowDate.getMonth() + 1,
    day: nowDate.getDate(),
  };
  const month = Number(mm);
  const rawDay = Number(dd);
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  const notAfterToday = (y: number) =>
    y < today.year || (y === today.year && (month < today.month || (month === today.month && day <= today.day)));

  let year: number;
  if (century !== undefined) {
    year = Number(century + yy);
  } else {
    year = Math.floor(today.year / 100) * 100 + Number(yy);
    if (!notAfterToday(year)) year -= 100;
    if (separator === '+') year -= 100;
  }

  if (year < 1800 || !isValidDate(year, month, day)) throw new PersonalIdentityNumberError('date');
  if (!notAfterToday(year)) throw new PersonalIdentityNumberError('future');

  const tenDigits = `${yy}${mm}${dd}${serial}`;
  if (luhnCheckDigit(tenDigits) !== Number(check)) throw new PersonalIdentityNumberError('checksum');

  const normalized = `${pad(year, 4)}${mm}${dd}${serial}${check}`;
  return {
    normalized,
    birthDate: `${pad(year, 4)}-${mm}-${pad(day)}`,
    coordination,
    masked: `${normalized.slice(0, 8)}-****`,
  };
}

/** True when the input is a valid personal identity or coordination number. */
export function isValidPersonalIdentityNumber(input: string, options?: ParsePersonalIdentityNumberOptions): boolean {
  try {
    parsePersonalIdentityNumber(input, options);
    return true;
  } catch {
    return false;
  }
}

/** YYYYMMDD-**** for a 12-digit number (or '************' if it is not one); never throws. */
export function maskPersonalNumber(personalNumber: string): string {
  return /^\d{12}$/.test(personalNumber) ? `${personalNumber.slice(0, 8)}-****` : '************';
}
