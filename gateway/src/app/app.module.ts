import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { GatewayConfig } from '@delaktig/config';
import { ProblemExceptionFilter } from '@delaktig/errors';
import { httpLoggerModule } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import { AuditController, InvitationsController, MeController, QuestionnairesController, StatisticsController } from './api.controllers';
import { AuthGuard } from './auth.guard';
import { HealthController } from './health.controller';
import { CorrelationMiddleware, JsonOnlyMiddleware } from './middleware';
import { ServiceClient } from './service-client';
import { TokenVerifier } from './token-verifier';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const logger = createLogger('gateway');
    return {
      module: AppModule,
      imports: [
        httpLoggerModule(logger, '/api/health'),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] }),
      ],
      controllers: [HealthController, MeController, InvitationsController, StatisticsController, AuditController, QuestionnairesController],
      providers: [
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({ issuer: config.KEYCLOAK_ISSUER_URL, audience: config.GATEWAY_AUDIENCE, jwksUrl: config.KEYCLOAK_JWKS_URL }),
        },
        {
          provide: ServiceClient,
          useValue: new ServiceClient({
            secret: config.INTERNAL_TOKEN_SECRET,
            timeoutMs: config.UPSTREAM_TIMEOUT_MS,
            urls: {
              identity: config.IDENTITY_URL,
              'survey-delivery': config.SURVEY_DELIVERY_URL,
              responses: config.RESPONSES_URL,
              statistics: config.STATISTICS_URL,
              audit: config.AUDIT_URL,
            },
          }),
        },
        { provide: APP_FILTER, useClass: ProblemExceptionFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useFactory: (r: Reflector, v: TokenVerifier) => new AuthGuard(r, v), inject: [Reflector, TokenVerifier] },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(CorrelationMiddleware, JsonOnlyMiddleware).forRoutes('*path');
  }
}
