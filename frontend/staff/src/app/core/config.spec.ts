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

  it('traces to an OTLP collector by default, to Zipkin when telemetryFormat says so, and refuses other formats', () => {
    const base = { gatewayUrl: 'http://x', keycloak: { url: 'http://k', realm: 'delaktig', clientId: 'delaktig-staff' } };
    expect(parseConfig({ ...base, telemetryUrl: 'http://127.0.0.1:4319/' })).toMatchObject({ telemetryUrl: 'http://127.0.0.1:4319' });
    expect(parseConfig({ ...base, telemetryUrl: 'http://127.0.0.1:4319', telemetryFormat: 'otlp' }).telemetryFormat).toBe('otlp');
    expect(parseConfig({ ...base, telemetryUrl: 'http://127.0.0.1:4319', telemetryFormat: '' }).telemetryFormat).toBeUndefined();
    expect(parseConfig({ ...base, telemetryUrl: 'http://localhost:9411', telemetryFormat: 'zipkin' })).toMatchObject({
      telemetryUrl: 'http://localhost:9411',
      telemetryFormat: 'zipkin',
    });
    expect(() => parseConfig({ ...base, telemetryUrl: 'http://localhost:14268', telemetryFormat: 'jaeger' })).toThrow('telemetryFormat');
  });
});
