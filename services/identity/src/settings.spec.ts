import { configSchemas, ConfigError, IDENTITY_DEV_SECRETS, parseConfig } from '@delaktig/config';

const base = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/delaktig_identity',
  KAFKA_BROKERS: '127.0.0.1:9092',
  INTERNAL_TOKEN_SECRET: 'x'.repeat(40),
};

describe('identity settings', () => {
  it('has development defaults for the OpenID Connect provider, the registry and BankID', () => {
    const cfg = parseConfig(configSchemas.identity, base);
    expect(cfg.KEYCLOAK_BROKER_CLIENT_ID).toBe('delaktig-keycloak');
    expect(cfg.KEYCLOAK_BROKER_REDIRECT_URIS).toEqual(['http://localhost:8080/realms/delaktig/broker/bankid/endpoint']);
    expect(cfg.BANKID_API_URL).toBe('http://127.0.0.1:3201/rp/v6.0');
    expect(cfg.PIN_HASH_KEY).toBe(IDENTITY_DEV_SECRETS.PIN_HASH_KEY);
  });

  it('refuses the public development secrets in production, naming each', () => {
    try {
      parseConfig(configSchemas.identity, { ...base, NODE_ENV: 'production' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.setting)).toEqual(
        expect.arrayContaining(['CHILD_ACCESS_HASH_KEY', 'KEYCLOAK_ADMIN_CLIENT_SECRET', 'KEYCLOAK_BROKER_CLIENT_SECRET', 'OIDC_COOKIE_SECRET', 'PIN_HASH_KEY']),
      );
    }
    const secrets = { PIN_HASH_KEY: 'p'.repeat(32), OIDC_COOKIE_SECRET: 'c'.repeat(32), KEYCLOAK_BROKER_CLIENT_SECRET: 'k'.repeat(32), CHILD_ACCESS_HASH_KEY: 'h'.repeat(32), KEYCLOAK_ADMIN_CLIENT_SECRET: 'a'.repeat(32) };
    // Production also refuses loopback and simulator upstreams (libs/config production.spec.ts): give real ones.
    const upstreams = {
      DATABASE_URL: 'postgresql://identity:pw@pg-rw:5432/delaktig_identity',
      KAFKA_BROKERS: 'kafka-bootstrap:9093',
      OIDC_ISSUER: 'https://delaktig.example.org/oidc',
      KEYCLOAK_URL: 'http://keycloak-service:8080',
      KEYCLOAK_BROKER_REDIRECT_URIS: 'https://login.delaktig.example.org/realms/delaktig/broker/bankid/endpoint',
      BANKID_API_URL: 'https://appapi2.bankid.com/rp/v6.0',
      BANKID_CLIENT_CERT: '/certs/rp.p12',
      BANKID_CA_CERT: '/certs/ca.pem',
      CHILD_APP_URL: 'https://barn.delaktig.example.org',
    };
    expect(() => parseConfig(configSchemas.identity, { ...base, ...upstreams, NODE_ENV: 'production', ...secrets })).not.toThrow();
  });

  it('needs at least 32 characters for PIN_HASH_KEY', () => {
    expect(() => parseConfig(configSchemas.identity, { ...base, PIN_HASH_KEY: 'short' })).toThrow(/PIN_HASH_KEY/);
  });
});
