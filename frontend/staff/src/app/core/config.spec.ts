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
      keycloak: { url: 'http://localhost:8080', realm: 'delaktig', clientId: 'delaktig-staff' },
    });
  });

  it('names the missing setting', () => {
    expect(() => parseConfig({ gatewayUrl: 'http://x', keycloak: { url: 'http://k', realm: 'delaktig' } })).toThrow(
      'keycloak.clientId',
    );
  });
});
