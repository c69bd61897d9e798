import { DynamicModule, Module } from '@nestjs/common';
import type { IdentityConfig } from '@delaktig/config';
import { KeycloakAdmin } from '../admin/keycloak-admin';
import { KEYCLOAK_ADMIN } from '../admin/staff-admin.service';
import { AlertContactsController } from './alert-contacts.controller';

/** Work contacts of a safety alert's recipients, for survey-delivery's notifier (issue 12). */
@Module({})
export class AlertContactsModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: AlertContactsModule,
      controllers: [AlertContactsController],
      providers: [
        {
          provide: KEYCLOAK_ADMIN,
          useValue: new KeycloakAdmin({
            baseUrl: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            clientId: config.KEYCLOAK_ADMIN_CLIENT_ID,
            clientSecret: config.KEYCLOAK_ADMIN_CLIENT_SECRET,
          }),
        },
      ],
    };
  }
}
