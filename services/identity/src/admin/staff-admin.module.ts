import { DynamicModule, Module } from '@nestjs/common';
import type { IdentityConfig } from '@delaktig/config';
import { IDENTITY_CONFIG } from '../tokens';
import { KeycloakAdmin } from './keycloak-admin';
import { StaffAdminController } from './staff-admin.controller';
import { StaffDirectoryController } from './staff-directory.controller';
import { StaffRevocationsController } from './staff-revocations.controller';
import { KEYCLOAK_ADMIN, StaffAdminService } from './staff-admin.service';

/** District admin functions through Keycloak's Admin REST API (issue 3). */
@Module({})
export class StaffAdminModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: StaffAdminModule,
      controllers: [StaffAdminController, StaffRevocationsController, StaffDirectoryController],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        {
          provide: KEYCLOAK_ADMIN,
          useValue: new KeycloakAdmin({
            baseUrl: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            clientId: config.KEYCLOAK_ADMIN_CLIENT_ID,
            clientSecret: config.KEYCLOAK_ADMIN_CLIENT_SECRET,
          }),
        },
        StaffAdminService,
      ],
    };
  }
}
