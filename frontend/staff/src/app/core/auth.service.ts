import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';
import Keycloak from 'keycloak-js';
import { APP_CONFIG } from './config';

export type AuthStatus = 'pending' | 'authenticated' | 'error';

/** Seconds of remaining validity below which a token is refreshed. */
export const MIN_TOKEN_VALIDITY_S = 30;
const REFRESH_TIMER_MS = 20_000;

/**
 * Staff sign-in through Keycloak (authorization code + PKCE S256).
 * `init()` runs as an app initializer; with `login-required` an anonymous
 * visitor is sent to Keycloak's login page before the app renders anything.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly config = inject(APP_CONFIG);
  private readonly document = inject(DOCUMENT);
  private keycloak?: Keycloak;
  private timer?: ReturnType<typeof setInterval>;

  readonly status = signal<AuthStatus>('pending');

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  async init(): Promise<void> {
    const { url, realm, clientId } = this.config.keycloak;
    const keycloak = new Keycloak({ url, realm, clientId });
    this.keycloak = keycloak;
    keycloak.onTokenExpired = () => void this.refresh();
    try {
      const authenticated = await keycloak.init({
        onLoad: 'login-required',
        pkceMethod: 'S256',
        checkLoginIframe: false,
      });
      if (!authenticated) {
        await keycloak.login();
        return;
      }
      this.status.set('authenticated');
      this.timer = setInterval(() => void this.refresh(), REFRESH_TIMER_MS);
    } catch (error) {
      console.error('Keycloak initialisation failed', error);
      this.status.set('error');
    }
  }

  /** A token valid for at least 30 s, refreshing it first when needed. */
  async token(): Promise<string | undefined> {
    await this.refresh();
    return this.keycloak?.token;
  }

  /** Refreshes the token if it expires within 30 s; sends the user to login if that fails. */
  async refresh(): Promise<void> {
    const keycloak = this.keycloak;
    if (!keycloak?.authenticated) return;
    try {
      await keycloak.updateToken(MIN_TOKEN_VALIDITY_S);
    } catch {
      await keycloak.login();
    }
  }

  login(): Promise<void> {
    return this.keycloak?.login() ?? Promise.resolve();
  }

  logout(): Promise<void> {
    clearInterval(this.timer);
    const origin = this.document.location.origin;
    return this.keycloak?.logout({ redirectUri: `${origin}/` }) ?? Promise.resolve();
  }
}
