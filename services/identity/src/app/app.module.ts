import { DynamicModule, Module } from '@nestjs/common';
import { BankIdClient } from '@delaktig/bankid';
import type { IdentityConfig } from '@delaktig/config';
import { PlatformModule } from '@delaktig/service-kit';
import { StaffAdminModule } from '../admin/staff-admin.module';
import { AlertContactsModule } from '../alert-contacts/alert-contacts.module';
import { ChildAccessModule } from '../child-access/child-access.module';
import { DistrictSettingsModule } from '../district-settings/district-settings.module';
import { BankIdLoginService } from '../login/bankid-login.service';
import { LoginController } from '../login/login.controller';
import { OidcService } from '../oidc/oidc.service';
import { createPrisma } from '../prisma';
import { StaffRegistry } from '../staff/staff-registry.service';
import { BANKID_CLIENT, IDENTITY_CONFIG } from '../tokens';

@Module({})
export class AppModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    const bankid = BankIdClient.fromEnv({
      BANKID_API_URL: config.BANKID_API_URL,
      BANKID_CLIENT_CERT: config.BANKID_CLIENT_CERT,
      BANKID_CLIENT_KEY: config.BANKID_CLIENT_KEY,
      BANKID_CA_CERT: config.BANKID_CA_CERT,
      BANKID_CLIENT_CERT_PASSPHRASE: config.BANKID_CLIENT_CERT_PASSPHRASE,
    });
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ service: 'identity', config, prisma: createPrisma(config.DATABASE_URL) }), ChildAccessModule.forRoot(config, bankid), StaffAdminModule.forRoot(config), AlertContactsModule.forRoot(config), DistrictSettingsModule],
      controllers: [LoginController],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: BANKID_CLIENT, useValue: bankid },
        StaffRegistry,
        BankIdLoginService,
        OidcService,
      ],
    };
  }
}
