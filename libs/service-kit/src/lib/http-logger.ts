import type { DynamicModule } from '@nestjs/common';
import { pathOnly } from '@delaktig/telemetry';
import type { Logger } from 'pino';
import { LoggerModule } from 'nestjs-pino';

/**
 * Request logging for the gateway and every service: method, path (no query string) and
 * status only — no headers, no bodies — with the trace id from the logger's mixin.
 */
export function httpLoggerModule(logger: Logger, healthPrefix: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith(healthPrefix) },
      ...({
        serializers: {
          req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOnly(req.url) }),
          res: (res: { statusCode: number }) => ({ status: res.statusCode }),
        },
      } as object),
    },
  });
}
