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

  afterEach(() => {
    TestBed.resetTestingModule();
    history.replaceState(null, '', '/');
    jest.useRealTimers();
  });

  it('completes a sign-in with PKCE S256 and no login iframe, using the runtime config', async () => {
    setUp();
    await auth.init();
    expect(KeycloakMock).toHaveBeenCalledWith({ url: 'http://keycloak.test', realm: 'delaktig', clientId: 'delaktig-staff' });
    expect(keycloak.init).toHaveBeenCalledWith({ pkceMethod: 'S256', checkLoginIframe: false });
    expect(keycloak.login).not.toHaveBeenCalled();
    expect(auth.status()).toBe('authenticated');
  });

  it('sends an anonymous visitor straight to BankID (kc_idp_hint), in Swedish, back to the page they asked for', async () => {
    setUp({ authenticated: false, init: jest.fn(async () => false) });
    history.replaceState(null, '', '/statistik');
    document.documentElement.lang = 'sv';
    await auth.init();
    expect(keycloak.login).toHaveBeenCalledWith({ idpHint: 'bankid', locale: 'sv', redirectUri: `${location.origin}/statistik` });
    expect(auth.status()).toBe('pending');
  });

  it("keeps the query of the page asked for: a safety alert's link comes back to that alert after BankID", async () => {
    setUp({ authenticated: false, init: jest.fn(async () => false) });
    history.replaceState(null, '', '/larm?alert=aaaaaaaa-0000-4000-8000-000000000001');
    await auth.init();
    expect(keycloak.login).toHaveBeenCalledWith(expect.objectContaining({ redirectUri: `${location.origin}/larm?alert=aaaaaaaa-0000-4000-8000-000000000001` }));
  });

  it('shows the signed-out page after "Logga ut" instead of starting BankID again, and drops the marker', async () => {
    setUp({ authenticated: false, init: jest.fn(async () => false) });
    history.replaceState(null, '', '/?utloggad=1');
    await auth.init();
    expect(keycloak.login).not.toHaveBeenCalled();
    expect(auth.status()).toBe('signed-out');
    expect(location.search).toBe('');
    await auth.login();
    expect(keycloak.login).toHaveBeenCalledWith(expect.objectContaining({ idpHint: 'bankid', redirectUri: `${location.origin}/` }));
  });

  it('refreshes a token that expires within 30 s before handing it out', async () => {
    setUp();
    await auth.init();
    await expect(auth.token()).resolves.toBe('access-token');
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);
  });

  it('refreshes silently in the background', async () => {
    jest.useFakeTimers();
    setUp();
    await auth.init();
    keycloak.updateToken.mockClear();
    jest.advanceTimersByTime(20_000);
    expect(keycloak.updateToken).toHaveBeenCalledWith(30);
    auth.logout();
  });

  it('signs in with BankID again when the refresh fails', async () => {
    setUp({ updateToken: jest.fn(async () => Promise.reject(new Error('expired'))) });
    await auth.init();
    await auth.token();
    expect(keycloak.login).toHaveBeenCalledWith(expect.objectContaining({ idpHint: 'bankid' }));
  });

  it('reports an error when Keycloak cannot be reached', async () => {
    setUp({ init: jest.fn(async () => Promise.reject(new Error('network'))) });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.status()).toBe('error');
  });

  it('signs out at Keycloak (end-session) and comes back to the signed-out page', async () => {
    setUp();
    await auth.init();
    await auth.logout();
    expect(keycloak.logout).toHaveBeenCalledWith({ redirectUri: `${location.origin}/?utloggad=1` });
  });
});
