import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { toProblem } from './problem.filter';

/**
 * express.json plus an error handler that answers body errors (malformed JSON 400,
 * too large 413, bad charset 415) as problem responses before they reach the framework.
 */
export function jsonBody(limit = '256kb'): (RequestHandler | ((err: unknown, req: Request, res: Response, next: NextFunction) => void))[] {
  return [
    json({ limit, type: ['application/json', 'application/*+json'] }),
    (err: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (!err || typeof err !== 'object' || !('type' in err)) return next(err);
      const problem = toProblem(err);
      res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
    },
  ];
}
