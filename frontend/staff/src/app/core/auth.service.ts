import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';
import Keycloak from 'keycloak-js';
import { APP_CONFIG } from './config';

export type AuthStatus = 'pending' | 'authenticated' | 'signed-out' | 'error';

/** Seconds of remaining validity below which a token is refreshed. */
export const MIN_TOKEN_VALIDITY_S = 30;
const REFRESH_TIMER_MS = 20_000;
/** Query parameter with which Keycloak's end-session sends the browser back after "Logga ut". */
export const SIGNED_OUT_PARAM = 'utloggad';

/**
 * Staff sign-in through Keycloak (authorization code + PKCE S256) with BankID: Keycloak's
 * identity provider `bankid` (kc_idp_hint) brokers the identity service's BankID login, so
 * there is no username or password anywhere. `init()` runs as an app initializer: an anonymous
 * visitor goes straight to BankID, except right after signing out (a "signed out" page with a
 * button to sign in again). Tokens are refreshed silently before they expire.
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
      // Completes a sign-in when Keycloak has just sent the browser back with a code.
      const authenticated = await keycloak.init({ pkceMethod: 'S256', checkLoginIframe: false });
      if (!authenticated) {
        if (this.cameBackFromSignOut()) {
          this.status.set('signed-out');
          return;
        }
        await this.login();
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

  /** Refreshes the token if it expires within 30 s; signs in again (BankID) if that fails. */
  async refresh(): Promise<void> {
    const keycloak = this.keycloak;
    if (!keycloak?.authenticated) return;
    try {
      await keycloak.updateToken(MIN_TOKEN_VALIDITY_S);
    } catch {
      clearInterval(this.timer);
      await this.login();
    }
  }

  /** To Keycloak, which goes straight to BankID (identity provider hint), in the UI's language. */
  login(): Promise<void> {
    const locale = this.document.documentElement.lang || 'sv';
    return this.keycloak?.login({ idpHint: this.config.keycloak.idpHint, locale, redirectUri: this.startPage() }) ?? Promise.resolve();
  }

  /**
   * Signs out: Keycloak's end-session ends the Keycloak session (every Delaktig tab) and the
   * browser comes back to the "signed out" page; signing in again needs a new BankID.
   */
  logout(): Promise<void> {
    clearInterval(this.timer);
    return this.keycloak?.logout({ redirectUri: `${this.document.location.origin}/?${SIGNED_OUT_PARAM}=1` }) ?? Promise.resolve();
  }

  /** Back to the page asked for, with its query (a safety alert's link: /larm?alert=<id>). */
  private startPage(): string {
    const location = this.document.location;
    return `${location.origin}${location.pathname}${location.search}`;
  }

  /** True once, right after Keycloak's end-session sent the browser back; the marker is removed. */
  private cameBackFromSignOut(): boolean {
    const location = this.document.location;
    const params = new URLSearchParams(location.search);
    if (!params.has(SIGNED_OUT_PARAM)) return false;
    params.delete(SIGNED_OUT_PARAM);
    const query = params.toString();
    this.document.defaultView?.history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return true;
  }
}
