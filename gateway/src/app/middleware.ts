import { Injectable, NestMiddleware } from '@nestjs/common';
import { AppError } from '@delaktig/errors';
import type { NextFunction, Response } from 'express';
import type { AuthedRequest } from './auth.guard';

/** Gives every request a correlation id (kept if the client sent a well-formed one) and returns it. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: AuthedRequest, res: Response, next: NextFunction) {
    const sent = req.headers['x-correlation-id'];
    req.correlationId = typeof sent === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(sent) ? sent : crypto.randomUUID();
    res.setHeader('x-correlation-id', req.correlationId);
    next();
  }
}

/** Requests with a body must be JSON (415 otherwise, rather than a confusing 400). */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(req: AuthedRequest, _res: Response, next: NextFunction) {
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(req.method) && Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is('application/json')) return next(new AppError('UNSUPPORTED_MEDIA_TYPE'));
    next();
  }
}
