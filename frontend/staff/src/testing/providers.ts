import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider, importProvidersFrom, signal } from '@angular/core';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { authInterceptor } from '../app/core/auth.interceptor';
import { AuthService, AuthStatus } from '../app/core/auth.service';
import { APP_CONFIG, AppConfig } from '../app/core/config';
import { en } from '../app/i18n/en';
import { sv } from '../app/i18n/sv';

export const TEST_GATEWAY = 'http://gateway.test';
export const API = `${TEST_GATEWAY}/api/v1`;

export const TEST_CONFIG: AppConfig = {
  gatewayUrl: TEST_GATEWAY,
  childAppUrl: 'http://child.test',
  keycloak: { url: 'http://keycloak.test', realm: 'delaktig', clientId: 'delaktig-staff', idpHint: 'bankid' },
};

/** A stand-in for the Keycloak-backed AuthService. */
export function fakeAuth(status: AuthStatus = 'authenticated') {
  return {
    status: signal<AuthStatus>(status),
    init: jest.fn(async () => undefined),
    token: jest.fn(async () => 'test-token'),
    refresh: jest.fn(async () => undefined),
    login: jest.fn(async () => undefined),
    logout: jest.fn(async () => undefined),
  };
}

export type FakeAuth = ReturnType<typeof fakeAuth>;

/** Config, translations (Swedish active), HttpClient with the auth interceptor against a testing backend. */
export function testProviders(auth: FakeAuth = fakeAuth()): (Provider | EnvironmentProviders)[] {
  return [
    { provide: APP_CONFIG, useValue: TEST_CONFIG },
    { provide: AuthService, useValue: auth },
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
    importProvidersFrom(
      TranslocoTestingModule.forRoot({
        langs: { sv, en },
        translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv', reRenderOnLangChange: true },
        preloadLangs: true,
      }),
    ),
  ];
}

/** Lets pending promises (token refresh in the interceptor) settle. */
export const flushMicrotasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The district settings the gateway answers unless a test says otherwise (nothing optional turned on). */
export const SETTINGS_OFF = { districtId: 'skarpnack', childBankId: false, updatedAt: null, updatedBy: null };
