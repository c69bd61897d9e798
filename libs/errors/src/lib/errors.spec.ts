import { BadRequestException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { AppError, parseOrThrow, problemFor } from '../index';
import { toProblem } from './problem.filter';

describe('problem responses', () => {
  it('names each invalid field with its reason', () => {
    const schema = z.object({ birthYear: z.number().int().min(2000, 'must be 2000 or later'), name: z.string() });
    try {
      parseOrThrow(schema, { birthYear: 1990 });
      fail('should throw');
    } catch (e) {
      const p = toProblem(e);
      expect(p.status).toBe(400);
      expect(p.code).toBe('VALIDATION_FAILED');
      expect(p.errors).toEqual(
        expect.arrayContaining([
          { field: 'birthYear', reason: 'must be 2000 or later' },
          expect.objectContaining({ field: 'name' }),
        ]),
      );
    }
  });

  it('maps framework errors to problems with the right status', () => {
    expect(toProblem(new NotFoundException()).status).toBe(404);
    expect(toProblem(new BadRequestException('bad thing')).detail).toBe('bad thing');
    expect(toProblem({ status: 400, type: 'entity.parse.failed' }).code).toBe('MALFORMED_REQUEST');
    expect(toProblem({ status: 413, type: 'entity.too.large' }).status).toBe(413);
  });

  it('never reveals internal error messages', () => {
    const p = toProblem(new Error('connection to 10.0.0.5 refused, password=secret'));
    expect(p).toEqual(problemFor('INTERNAL'));
    expect(JSON.stringify(p)).not.toContain('secret');
  });

  it('keeps problems passed through from a service', () => {
    const upstream = new AppError('GONE', 'The invitation has expired.');
    expect(toProblem(upstream)).toMatchObject({ status: 410, code: 'GONE', detail: 'The invitation has expired.' });
  });
});

describe('problem extension members', () => {
  it('carries extensions such as attemptsLeft without letting them replace standard members', () => {
    const p = toProblem(new AppError('child-access-wrong-code', 'Koden stämmer inte.', undefined, { attemptsLeft: 3, status: 200 }));
    expect(p).toMatchObject({ status: 401, code: 'child-access-wrong-code', attemptsLeft: 3, type: 'https://delaktig.se/problems/child-access-wrong-code' });
  });
});
