import { birthYearRange, problemMessage, reasonMessage } from './messages';

describe('problemMessage', () => {
  it.each([
    [0, 'errors.network'],
    [401, 'errors.unauthorized'],
    [403, 'errors.forbidden'],
    [404, 'errors.notFound'],
    [409, 'errors.conflict'],
    [429, 'errors.rateLimited'],
    [503, 'errors.server'],
  ])('maps status %i to %s', (status, key) => {
    expect(problemMessage({ status, detail: 'ignored' })).toEqual({ key });
  });

  it('summarises a validation problem with field errors', () => {
    expect(problemMessage({ status: 400, errors: [{ field: 'x', reason: 'y' }] })).toEqual({ key: 'errors.validation' });
  });

  it('falls back to the detail the gateway sent', () => {
    expect(problemMessage({ status: 400, detail: 'Ogiltig förfrågan' })).toEqual({ text: 'Ogiltig förfrågan' });
    expect(problemMessage({ status: 418 })).toEqual({ key: 'errors.unknown' });
  });
});

describe('reasonMessage', () => {
  it('translates stable reason codes per field', () => {
    expect(reasonMessage('caseReference', 'required')).toEqual({ key: 'errors.required' });
    expect(reasonMessage('caseReference', 'too_big')).toEqual({ key: 'errors.maxLength', params: { max: 40 } });
    expect(reasonMessage('caseReference', 'invalid_format')).toEqual({ key: 'errors.pattern' });
    expect(reasonMessage('birthYear', 'too_small')).toEqual({ key: 'errors.birthYearRange', params: birthYearRange() });
    expect(reasonMessage('ageBand', 'invalid_value')).toEqual({ key: 'errors.notAllowed' });
  });

  it('translates the phrases of the shared contract (libs/contracts http.ts)', () => {
    expect(reasonMessage('caseReference', 'is required')).toEqual({ key: 'errors.required' });
    expect(reasonMessage('caseReference', 'may be at most 40 characters')).toEqual({ key: 'errors.maxLength', params: { max: 40 } });
    expect(reasonMessage('caseReference', 'may contain only letters A–Z, digits, "-" and "/"')).toEqual({ key: 'errors.pattern' });
    expect(reasonMessage('birthYear', 'must be a year')).toEqual({ key: 'errors.integer' });
    expect(reasonMessage('birthYear', 'must be 2007 or later')).toEqual({ key: 'errors.yearFrom', params: { year: '2007' } });
    expect(reasonMessage('birthYear', 'must be 2020 or earlier')).toEqual({ key: 'errors.yearTo', params: { year: '2020' } });
    expect(reasonMessage('ageBand', 'must be one of 6-11, 12-18')).toEqual({ key: 'errors.notAllowed' });
    expect(reasonMessage('ageBand', 'does not match birth year 2010')).toEqual({ key: 'errors.ageBandMismatch', params: { year: '2010' } });
  });

  it('shows an unknown reason as written', () => {
    expect(reasonMessage('birthYear', 'Födelseåret passar inte åldersgruppen')).toEqual({
      text: 'Födelseåret passar inte åldersgruppen',
    });
  });
});
