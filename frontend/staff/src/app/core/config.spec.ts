import { parseConfig } from './config';

describe('parseConfig', () => {
  it('accepts the default config and trims trailing slashes', () => {
    expect(
      parseConfig({
        gatewayUrl: 'http://localhost:3000/',
        keycloak: { url: 'http://localhost:8080/', realm: 'delaktig', clientId: 'delaktig-staff' },
      }),
    ).toEqual({
      gatewayUrl: 'http://localhost:3000',
      keycloak: { url: 'http://localhost:8080', realm: 'delaktig', clientId: 'delaktig-staff', idpHint: 'bankid' },
    });
  });

  it('goes to BankID unless another identity provider is configured', () => {
    const keycloak = { url: 'http://k', realm: 'delaktig', clientId: 'delaktig-staff' };
    expect(parseConfig({ gatewayUrl: 'http://x', keycloak }).keycloak.idpHint).toBe('bankid');
    expect(parseConfig({ gatewayUrl: 'http://x', keycloak: { ...keycloak, idpHint: 'freja' } }).keycloak.idpHint).toBe('freja');
    expect(() => parseConfig({ gatewayUrl: 'http://x', keycloak: { ...keycloak, idpHint: '' } })).toThrow('keycloak.idpHint');
  });

  it('names the missing setting', () => {
    expect(() => parseConfig({ gatewayUrl: 'http://x', keycloak: { url: 'http://k', realm: 'delaktig' } })).toThrow(
      'keycloak.clientId',
    );
  });
});
