import type { IdentityConfig } from '@delaktig/config';
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
      rpInitiatedLogout: { enabled: false },
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

function errorPage(detail: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inloggningen gick inte – Delaktig</title></head>
<body><main><h1>Inloggningen gick inte</h1><p>Börja om från Delaktigs inloggningssida.</p>${detail ? `<p lang="en">${esc(detail)}</p>` : ''}</main></body></html>`;
}
