import { issuerOf, logoutSourceFor, postLogoutRedirectUris, postLogoutSuccessSource } from './provider';

describe('OpenID Connect provider settings', () => {
  it("lets Keycloak's broker endpoint receive the browser after a sign-out", () => {
    expect(
      postLogoutRedirectUris([
        'http://localhost:8080/realms/delaktig/broker/bankid/endpoint',
        'http://localhost:8080/realms/delaktig-test/broker/bankid/endpoint/',
      ]),
    ).toEqual([
      'http://localhost:8080/realms/delaktig/broker/bankid/endpoint/logout_response',
      'http://localhost:8080/realms/delaktig-test/broker/bankid/endpoint/logout_response',
    ]);
  });

  it('signs out without a second question (the user chose "Logga ut" in Delaktig), with a button when script is off', async () => {
    const headers: Record<string, string> = {};
    const ctx: { body?: unknown; set: (name: string, value: string) => void } = { set: (name, value) => (headers[name] = value) };
    await logoutSourceFor(['http://localhost:8180/realms/delaktig-h-auth/broker/bankid/endpoint'])(ctx, '<form id="op.logoutForm" method="post" action="/oidc/session/end/confirm"><input type="hidden" name="xsrf" value="x"/></form>');
    const html = String(ctx.body);
    expect(html).toContain('lang="sv"');
    expect(html).toContain('Du loggas ut från Delaktig');
    expect(html).toContain('<input type="hidden" name="logout" value="yes" form="op.logoutForm">');
    const nonce = /script-src 'nonce-([^']+)'/.exec(headers['Content-Security-Policy'])?.[1];
    expect(html).toContain(`<script nonce="${nonce}">document.getElementById('op.logoutForm').submit();</script>`);
    // The form is redirected back to Keycloak after the post: form-action allows its origin.
    expect(headers['Content-Security-Policy']).toContain("form-action 'self' http://localhost:8180;");
    expect(html).toMatch(/<noscript><button type="submit" form="op.logoutForm" name="logout" value="yes">Logga ut<\/button><\/noscript>/);
  });

  it('says in Swedish, and English, that the user is signed out', async () => {
    const ctx: { body?: unknown } = {};
    await postLogoutSuccessSource(ctx);
    expect(String(ctx.body)).toContain('Du är utloggad');
    expect(String(ctx.body)).toContain('You are signed out');
  });

  it('defaults the issuer to the service port', () => {
    expect(issuerOf({ OIDC_ISSUER: undefined, PORT: 6101 } as never)).toBe('http://localhost:6101/oidc');
  });
});
