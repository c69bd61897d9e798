import { DynamicModule, Module } from '@nestjs/common';
import type { IdentityConfig } from '@delaktig/config';
import type { BankIdClient } from '@delaktig/bankid';
import { PRISMA, RETENTION_RUNNER, RetentionController } from '@delaktig/service-kit';
import { autostartUrl } from '../login/bankid-login.service';
import { CHILD_BANKID_CLIENT, CHILD_BANKID_LINKS, ChildBankIdService, type ChildBankIdLinks } from './child-bankid.service';
import { ChildAccessConsumer, ChildAccessController } from './child-access.controller';
import { CHILD_ACCESS_PRISMA, CHILD_ACCESS_SETTINGS, ChildAccessService, type ChildAccessSettings } from './child-access.service';

/** Child access (ADR 0009): credentials, the code gate, BankID for young people where a district turns it on (ADR 0010), child sessions and their events. */
@Module({})
export class ChildAccessModule {
  static forRoot(config: IdentityConfig, bankid: BankIdClient): DynamicModule {
    const links: ChildBankIdLinks = {
      autostart: (autoStartToken, returnUrl) => autostartUrl(config, autoStartToken, returnUrl),
      childAppUrl: config.CHILD_APP_URL,
    };
    const settings: ChildAccessSettings = {
      CHILD_ACCESS_HASH_KEY: config.CHILD_ACCESS_HASH_KEY,
      CHILD_SESSION_MINUTES: config.CHILD_SESSION_MINUTES,
      CHILD_ACCESS_RETENTION_DAYS: config.CHILD_ACCESS_RETENTION_DAYS,
      CHILD_SESSION_SIGNING_KEY: config.CHILD_SESSION_SIGNING_KEY,
    };
    return {
      module: ChildAccessModule,
      controllers: [ChildAccessController, ChildAccessConsumer, RetentionController],
      providers: [
        { provide: CHILD_ACCESS_SETTINGS, useValue: settings },
        { provide: CHILD_ACCESS_PRISMA, useExisting: PRISMA },
        { provide: CHILD_BANKID_CLIENT, useValue: bankid },
        { provide: CHILD_BANKID_LINKS, useValue: links },
        ChildAccessService,
        { provide: RETENTION_RUNNER, useFactory: (s: ChildAccessService) => s.retention, inject: [ChildAccessService] },
        ChildBankIdService,
      ],
    };
  }
}
