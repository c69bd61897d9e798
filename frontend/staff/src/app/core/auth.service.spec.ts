import { TestBed } from '@angular/core/testing';
import Keycloak from 'keycloak-js';
import { TEST_CONFIG } from '../../testing/providers';
import { AuthService } from './auth.service';
import { APP_CONFIG } from './config';

jest.mock('keycloak-js', () => ({
  __esModule: true,
  default: jest.fn(),
}));

const KeycloakMock = Keycloak as unknown as jest.Mock;

function fakeKeycloak(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    authenticated: true,
    token: 'access-token',
    init: jest.fn(async () => true),
    updateToken: jest.fn(async () => false),
    login: jest.fn(async () => undefined),
    logout: jest.fn(async () => undefined),
    ...overrides,
  };
}

describe('AuthService', () => {
  let keycloak: ReturnType<typeof fakeKeycloak>;
  let auth: AuthService;

  function setUp(overrides: Partial<Record<string, unknown>> = {}) {
    keycloak = fakeKeycloak(overrides);
    KeycloakMock.mockReset().mockImplementation(() => keycloak);
    TestBed.configureTestingModule({ providers: [{ provide: APP_CONFIG, useValue: TEST_CONFIG }] });
    auth = TestBed.inject(AuthService);
  }

  afterEach(() => TestBed.resetTestingModule());

  it('signs in with login-required, PKCE S256 and no login iframe, using the runtime config', async () => {
    setUp();
    await auth.init();
    expect(KeycloakMock).toHaveBeenCalledWith({ url: 'http://keycloak.test', realm: 'delaktig', clientId: 'delaktig-staff' });
    expect(keycloak.init).toHaveBeenCalledWith({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
    expect(auth.status()).toBe('authenticated');
  });

  it('refreshes a token that expires within 30 s before handing it out', async () => {
    setUp();
    await auth.init();
    await expect(auth.token()).resolves.toBe('access-token');
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);
  });

  it('sends the user to Keycloak when the refresh fails', async () => {
    setUp({ updateToken: jest.fn(async () => Promise.reject(new Error('expired'))) });
    await auth.init();
    await auth.token();
    expect(keycloak.login).toHaveBeenCalled();
  });

  it('reports an error when Keycloak cannot be reached', async () => {
    setUp({ init: jest.fn(async () => Promise.reject(new Error('network'))) });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.status()).toBe('error');
  });

  it('signs out and comes back to the start page', async () => {
    setUp();
    await auth.init();
    await auth.logout();
    expect(keycloak.logout).toHaveBeenCalledWith({ redirectUri: `${location.origin}/` });
  });
});
