import { DynamicModule, Module } from '@nestjs/common';
import type { IdentityConfig } from '@delaktig/config';
import { PRISMA } from '@delaktig/service-kit';
import { ChildAccessConsumer, ChildAccessController } from './child-access.controller';
import { CHILD_ACCESS_PRISMA, CHILD_ACCESS_SETTINGS, ChildAccessService, type ChildAccessSettings } from './child-access.service';

/** Child access (ADR 0009): credentials, the code gate, child sessions and their events. */
@Module({})
export class ChildAccessModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    const settings: ChildAccessSettings = {
      CHILD_ACCESS_HASH_KEY: config.CHILD_ACCESS_HASH_KEY,
      CHILD_SESSION_MINUTES: config.CHILD_SESSION_MINUTES,
      CHILD_ACCESS_RETENTION_DAYS: config.CHILD_ACCESS_RETENTION_DAYS,
      CHILD_SESSION_SIGNING_KEY: config.CHILD_SESSION_SIGNING_KEY,
    };
    return {
      module: ChildAccessModule,
      controllers: [ChildAccessController, ChildAccessConsumer],
      providers: [
        { provide: CHILD_ACCESS_SETTINGS, useValue: settings },
        { provide: CHILD_ACCESS_PRISMA, useExisting: PRISMA },
        ChildAccessService,
      ],
    };
  }
}
