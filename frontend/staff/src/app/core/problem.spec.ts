import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrors, toProblem } from './problem';

describe('toProblem', () => {
  it('reads the gateway problem+json body', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        type: 'https://delaktig.se/problems/validation',
        title: 'Validation failed',
        status: 400,
        detail: 'caseReference is invalid',
        code: 'validation_failed',
        errors: [{ field: 'caseReference', reason: 'pattern' }, { nonsense: true }],
      },
    });
    expect(toProblem(error)).toEqual({
      type: 'https://delaktig.se/problems/validation',
      title: 'Validation failed',
      status: 400,
      detail: 'caseReference is invalid',
      code: 'validation_failed',
      errors: [{ field: 'caseReference', reason: 'pattern' }],
    });
  });

  it('parses a body that arrived as text', () => {
    const error = new HttpErrorResponse({ status: 409, error: '{"status":409,"detail":"Finns redan"}' });
    expect(toProblem(error)).toEqual({ status: 409, detail: 'Finns redan' });
  });

  it('treats status 0 without a body as a network failure', () => {
    expect(toProblem(new HttpErrorResponse({ status: 0, error: new Error('offline') }))).toEqual({ status: 0 });
  });
});

describe('fieldErrors', () => {
  it('groups reasons by the last segment of the field path', () => {
    expect(
      fieldErrors({
        status: 400,
        errors: [
          { field: 'body.caseReference', reason: 'too_big' },
          { field: '/birthYear', reason: 'too_small' },
          { field: 'caseReference', reason: 'pattern' },
        ],
      }),
    ).toEqual({ caseReference: ['too_big', 'pattern'], birthYear: ['too_small'] });
  });
});
