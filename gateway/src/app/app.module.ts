import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { GatewayConfig } from '@delaktig/config';
import { ProblemExceptionFilter } from '@delaktig/errors';
import { httpLoggerModule } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import { AuditController, MeController, QuestionnairesController } from './api.controllers';
import { InvitationsController } from './invitations.controller';
import { AuthGuard } from './auth.guard';
import { AuditExportClient, AuditReviewController } from './audit-review.controller';
import { CaseworkController, ResponsesExportClient } from './casework.controller';
import { StatisticsController, StatisticsExportClient } from './statistics.controller';
import { ChildAccessStaffController, ChildController } from './child.controller';
import { CHILD_SESSION_LIMIT_KEY, ChildSessionVerifier } from './child-session.guard';
import { HealthController } from './health.controller';
import { CorrelationMiddleware, JsonOnlyMiddleware } from './middleware';
import { RateLimitStore } from './rate-limit-store';
import { ResponsesController } from './responses.controller';
import { ServiceClient } from './service-client';
import { DistrictSettingsController, StaffAdminController } from './staff-admin.controller';
import { REVOCATION_POLL_MS, StaffRevocations } from './staff-revocations';
import { GatewayThrottlerGuard } from './throttler.guard';
import { TokenVerifier } from './token-verifier';

/** Every controller of the gateway: its routes are its public HTTP API (enumerated by tests). */
export const CONTROLLERS = [HealthController, MeController, InvitationsController, StatisticsController, AuditController, AuditReviewController, QuestionnairesController, ResponsesController, ChildController, ChildAccessStaffController, CaseworkController, StaffAdminController, DistrictSettingsController];

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const logger = createLogger('gateway');
    // Counters in Redis when REDIS_URL is set, shared by every replica (ADR 0020).
    const rateLimitStore = new RateLimitStore({ redisUrl: config.REDIS_URL, keyPrefix: config.RATE_LIMIT_KEY_PREFIX });
    return {
      module: AppModule,
      imports: [
        httpLoggerModule(logger, '/api/health'),
        ThrottlerModule.forRoot({
          storage: rateLimitStore,
          throttlers: [
            { name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE },
            // Attempts to open a child session (link token + code), per IP; only on routes marked @ChildSessionRateLimit().
            { name: 'child-session', ttl: 60_000, limit: config.CHILD_SESSION_RATE_LIMIT_PER_MINUTE, skipIf: (ctx) => !Reflect.getMetadata(CHILD_SESSION_LIMIT_KEY, ctx.getHandler()) },
          ],
        }),
      ],
      controllers: [...CONTROLLERS],
      providers: [
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({ issuer: config.KEYCLOAK_ISSUER_URL, audience: config.GATEWAY_AUDIENCE, jwksUrl: config.KEYCLOAK_JWKS_URL }),
        },
        { provide: ChildSessionVerifier, useValue: new ChildSessionVerifier({ jwksUrl: config.CHILD_SESSION_JWKS_URL ?? `${config.IDENTITY_URL}/child-access/jwks` }) },
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
        {
          provide: ResponsesExportClient,
          useValue: new ResponsesExportClient({
            url: config.RESPONSES_URL,
            secret: config.INTERNAL_TOKEN_SECRET,
            timeoutMs: config.UPSTREAM_TIMEOUT_MS,
            service: 'responses',
            accept: 'application/pdf, application/json',
          }),
        },
        {
          provide: StatisticsExportClient,
          useValue: new StatisticsExportClient({
            url: config.STATISTICS_URL,
            secret: config.INTERNAL_TOKEN_SECRET,
            timeoutMs: config.UPSTREAM_TIMEOUT_MS,
            service: 'statistics',
            accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json',
          }),
        },
        {
          provide: AuditExportClient,
          useValue: new AuditExportClient({ url: config.AUDIT_URL, secret: config.INTERNAL_TOKEN_SECRET, timeoutMs: config.UPSTREAM_TIMEOUT_MS, service: 'audit', accept: 'text/csv, application/pdf, application/json' }),
        },
        { provide: RateLimitStore, useValue: rateLimitStore },
        { provide: REVOCATION_POLL_MS, useValue: config.STAFF_REVOCATION_POLL_SECONDS * 1000 },
        StaffRevocations,
        { provide: APP_FILTER, useClass: ProblemExceptionFilter },
        { provide: APP_GUARD, useClass: GatewayThrottlerGuard },
        { provide: APP_GUARD, useFactory: (r: Reflector, v: TokenVerifier, s: StaffRevocations) => new AuthGuard(r, v, s), inject: [Reflector, TokenVerifier, StaffRevocations] },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(CorrelationMiddleware, JsonOnlyMiddleware).forRoutes('*path');
  }
}
