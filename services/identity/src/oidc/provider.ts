import type { IdentityConfig } from '@delaktig/config';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';
import type { StaffRegistry } from '../staff/staff-registry.service';
import { prismaAdapterFactory } from './adapter';
import type { PrivateJwk } from './keys';

export const PERSONAL_IDENTITY_NUMBER_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
export const OIDC_MOUNT = '/oidc';

/** The issuer: OIDC_ISSUER, or http://localhost:<PORT>/oidc. */
export function issuerOf(config: Pick<IdentityConfig, 'OIDC_ISSUER' | 'PORT'>): string {
  return config.OIDC_ISSUER ?? `http://localhost:${config.PORT}${OIDC_MOUNT}`;
}

/**
 * Where the provider may send the browser after a sign-out: Keycloak's broker endpoint(s) +
 * `/logout_response` (Keycloak ends its session first, then sends the browser here).
 */
export function postLogoutRedirectUris(redirectUris: readonly string[]): string[] {
  return redirectUris.map((uri) => `${uri.replace(/\/+$/, '')}/logout_response`);
}

export function interactionPath(uid: string): string {
  return `${OIDC_MOUNT}/interaction/${encodeURIComponent(uid)}`;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- oidc-provider is loaded at run time (ES module) */
export type OidcProvider = any;

/** oidc-provider is an ES module; Node ≥ 20.19 loads it from this CommonJS bundle. */
async function loadOidcProvider(): Promise<{ Provider: any; interactionPolicy: any }> {
  const mod: any = await import('oidc-provider');
  const ns = typeof mod.default === 'function' ? mod : mod.default;
  return { Provider: ns.default, interactionPolicy: ns.interactionPolicy ?? mod.interactionPolicy };
}

export async function createOidcProvider(opts: {
  config: IdentityConfig;
  prisma: PrismaClient;
  registry: StaffRegistry;
  keys: PrivateJwk[];
}): Promise<OidcProvider> {
  const { config, registry } = opts;
  const { Provider, interactionPolicy } = await loadOidcProvider();

  // Every authorization request needs a fresh BankID identification: no silent SSO from an
  // earlier session at this provider (Keycloak keeps the user's session).
  const policy = interactionPolicy.base();
  policy
    .get('login')
    .checks.add(
      new interactionPolicy.Check('bankid_required', 'A BankID identification is required for every sign-in', 'login_required', (ctx: any) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(issuerOf(config), {
    adapter: prismaAdapterFactory(opts.prisma),
    clients: [
      {
        client_id: config.KEYCLOAK_BROKER_CLIENT_ID,
        client_secret: config.KEYCLOAK_BROKER_CLIENT_SECRET,
        redirect_uris: config.KEYCLOAK_BROKER_REDIRECT_URIS,
        post_logout_redirect_uris: postLogoutRedirectUris(config.KEYCLOAK_BROKER_REDIRECT_URIS),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: opts.keys[0]?.alg ?? 'RS256',
      },
    ],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    jwks: { keys: opts.keys },
    cookies: { keys: [config.OIDC_COOKIE_SECRET] },
    pkce: { required: () => true },
    responseTypes: ['code'],
    scopes: ['openid', 'profile'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', PERSONAL_IDENTITY_NUMBER_CLAIM],
    },
    // The profile claims go into the ID token as well (Keycloak's broker reads them there).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      // "Logga ut" in the staff UI ends Keycloak's session, and Keycloak sends the browser here
      // (end_session with id_token_hint) so this provider's session ends too, then back.
      rpInitiatedLogout: { enabled: true, logoutSource: logoutSourceFor(config.KEYCLOAK_BROKER_REDIRECT_URIS), postLogoutSuccessSource },
      revocation: { enabled: false },
      introspection: { enabled: false },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => interactionPath(interaction.uid), policy },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 300,
      AccessToken: 300,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    // Keycloak is the only (first-party) client: no consent screen.
    loadExistingGrant: async (ctx: any) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const staff = await registry.findActive(sub);
      if (!staff) return undefined; // deactivated after login: no tokens
      return {
        accountId: staff.id,
        claims: async () => {
          const person = await registry.evidence(staff.id, staff.pinHash);
          return {
            sub: staff.id,
            preferred_username: staff.keycloakUsername,
            ...(person
              ? {
                  name: person.name,
                  given_name: person.givenName,
                  family_name: person.surname,
                  [PERSONAL_IDENTITY_NUMBER_CLAIM]: person.personalNumber,
                }
              : {}),
          };
        },
      };
    },
    renderError: async (ctx: any, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorPage(out['error'] === 'invalid_request' || out['error'] === 'invalid_client' ? out['error_description'] ?? '' : '');
    },
  });
  if (config.TRUST_PROXY_HOPS > 0) provider.proxy = true;
  return provider;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The sign-out confirmation of oidc-provider, submitted at once: the user already chose
 * "Logga ut" in Delaktig (the request carries Keycloak's id_token_hint). Without script, one button.
 */
export function logoutSourceFor(redirectUris: readonly string[]) {
  // The confirmation form posts here and is then redirected back to Keycloak: CSP form-action
  // must allow Keycloak's origin too (browsers apply it to the redirect).
  const formTargets = [...new Set(redirectUris.map((u) => new URL(u).origin))].join(' ');
  return async function logoutSource(ctx: { body?: unknown; set?: (name: string, value: string) => void }, form: string): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    ctx.set?.(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; form-action 'self' ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
    );
    ctx.body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Loggar ut – Delaktig</title></head>
<body><main><h1>Du loggas ut från Delaktig</h1>${form}<input type="hidden" name="logout" value="yes" form="op.logoutForm">
<noscript><button type="submit" form="op.logoutForm" name="logout" value="yes">Logga ut</button></noscript></main>
<script nonce="${nonce}">document.getElementById('op.logoutForm').submit();</script></body></html>`;
  };
}

export async function postLogoutSuccessSource(ctx: { body?: unknown }): Promise<void> {
  ctx.body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Utloggad – Delaktig</title></head>
<body><main><h1>Du är utloggad</h1><p>Du kan stänga fönstret.</p><p lang="en">You are signed out. You can close this window.</p></main></body></html>`;
}

function errorPage(detail: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inloggningen gick inte – Delaktig</title></head>
<body><main><h1>Inloggningen gick inte</h1><p>Börja om från Delaktigs inloggningssida.</p>${detail ? `<p lang="en">${esc(detail)}</p>` : ''}</main></body></html>`;
}
