import './instrument';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { jsonBody, refuseControlCharactersInQuery } from '@delaktig/errors';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';
import { config } from './config';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUSTED_PROXIES); // X-Forwarded-For only through these hops (req.ip, rate limits)
  // The API answers JSON only: nothing may be loaded, framed or run from it. Only the OpenAPI
  // page (Swagger UI, /api/docs) loads its own scripts and styles.
  const hsts = { maxAge: 31_536_000, includeSubDomains: true };
  const docs = helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: hsts,
  });
  const api = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: hsts,
  });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : api)(req, res, next));
  app.use(refuseControlCharactersInQuery());
  app.use(...jsonBody('256kb'));
  app.enableCors({
    origin: config.CORS_ORIGINS,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Correlation-Id', 'Idempotency-Key', 'traceparent', 'tracestate'],
    exposedHeaders: ['X-Correlation-Id', 'Content-Disposition', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After'],
    maxAge: 600,
  });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Delaktig API')
      .setDescription('The public API of Delaktig, behind the gateway. Staff calls need a Keycloak access token (audience delaktig-gateway). Errors are RFC 9457 problem details.')
      .setVersion('1')
      .addBearerAuth()
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Child session token from POST /api/v1/child/session (child routes only).' }, 'child-session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  await app.listen(config.PORT, config.HOST);
}

bootstrap().catch((e) => {
  process.stderr.write(JSON.stringify({ level: 'fatal', service: 'gateway', msg: 'start-up failed', err: (e as Error).message }) + '\n');
  process.exit(1);
});
