import { ConfigError, parseConfig } from './config';
import { isLoopbackHost, secretProblem, upstreamProblem } from './production';
import {
  configSchemas,
  IDENTITY_DEV_SECRETS,
  RESPONSES_DEV_ENCRYPTION_KEY,
  STATISTICS_DEV_SECRETS,
  SURVEY_DELIVERY_DEV_SECRETS,
} from './settings';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A complete production configuration per deployable: real endpoints, secrets from a store. */
const common = {
  NODE_ENV: 'production',
  INTERNAL_TOKEN_SECRET: 'k3Jx9Qv2Lp7Wz4Nt8Rb5Hc1Md6Fs0Gy3Ae',
  KAFKA_BROKERS: 'delaktig-kafka-bootstrap.delaktig.svc:9093',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', // a sidecar collector is allowed
};
const db = (app: string) => `postgresql://${app}:s3cr3tPa55@delaktig-pg-rw.delaktig.svc:5432/delaktig_${app}?sslmode=verify-full`;
const secret = (c: string) => `${c}Zq8Xw3Vn5Bm1Lk7Jh2Gf4Ds6Ap9Ou0It`;
const good: Record<keyof typeof configSchemas, Record<string, string>> = {
  gateway: {
    ...common,
    KEYCLOAK_ISSUER_URL: 'https://login.delaktig.stockholm.se/realms/delaktig',
    KEYCLOAK_JWKS_URL: 'http://delaktig-keycloak-service:8080/realms/delaktig/protocol/openid-connect/certs',
    IDENTITY_URL: 'http://identity:3101',
    SURVEY_DELIVERY_URL: 'http://survey-delivery:3102',
    RESPONSES_URL: 'http://responses:3103',
    STATISTICS_URL: 'http://statistics:3104',
    AUDIT_URL: 'http://audit:3105',
    CORS_ORIGINS: 'https://delaktig.stockholm.se,https://barn.delaktig.stockholm.se',
    REDIS_URL: 'rediss://delaktig:s3cr3tPa55@redis.platform.svc:6380/0',
    TRUSTED_PROXIES: '10.42.0.0/16',
  },
  identity: {
    ...common,
    DATABASE_URL: db('identity'),
    PIN_HASH_KEY: secret('p'),
    OIDC_COOKIE_SECRET: secret('c'),
    KEYCLOAK_BROKER_CLIENT_SECRET: secret('b'),
    KEYCLOAK_ADMIN_CLIENT_SECRET: secret('a'),
    CHILD_ACCESS_HASH_KEY: secret('h'),
    OIDC_ISSUER: 'https://delaktig.stockholm.se/oidc',
    KEYCLOAK_BROKER_REDIRECT_URIS: 'https://login.delaktig.stockholm.se/realms/delaktig/broker/bankid/endpoint',
    KEYCLOAK_URL: 'http://delaktig-keycloak-service:8080',
    BANKID_API_URL: 'https://appapi2.bankid.com/rp/v6.0',
    BANKID_CLIENT_CERT: '/var/run/secrets/bankid/rp.crt',
    BANKID_CLIENT_KEY: '/var/run/secrets/bankid/rp.key',
    BANKID_CA_CERT: '/var/run/secrets/bankid/ca.crt',
    CHILD_APP_URL: 'https://barn.delaktig.stockholm.se',
  },
  'survey-delivery': {
    ...common,
    DATABASE_URL: db('survey_delivery'),
    CHILD_REF_KEY: secret('r'),
    DELIVERY_ENCRYPTION_KEY: secret('e'),
    SMS_API_URL: 'https://api.46elks.com/a1',
    SMS_API_USERNAME: 'u0123456789abcdef',
    SMS_API_PASSWORD: secret('s'),
    SMS_CALLBACK_URL: 'https://delaktig.stockholm.se/api/callbacks',
    IDENTITY_URL: 'http://identity:3101',
    STAFF_APP_URL: 'https://delaktig.stockholm.se',
    SMS_CALLBACK_SECRET: secret('k'),
    SMTP_URL: 'smtps://delaktig:pw@smtp.stockholm.se:465',
    CHILD_APP_URL: 'https://barn.delaktig.stockholm.se',
  },
  responses: { ...common, DATABASE_URL: db('responses'), RESPONSES_ENCRYPTION_KEY: b64('0123456789abcdef0123456789abcdef') },
  statistics: { ...common, DATABASE_URL: db('statistics'), STATISTICS_CELL_KEY_SECRET: secret('x') },
  audit: { ...common, DATABASE_URL: db('audit'), AUDIT_CHECKPOINT_SIGNING_KEY: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=' },
};

const omit = (env: Record<string, string>, ...keys: string[]) => Object.fromEntries(Object.entries(env).filter(([k]) => !keys.includes(k)));

function refused(app: keyof typeof configSchemas, env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(configSchemas[app], env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.setting);
    throw e;
  }
  return [];
}

describe('production refuses simulators, loopback and development secrets', () => {
  it.each(Object.keys(good) as (keyof typeof configSchemas)[])('%s starts with a real production configuration', (app) => {
    expect(refused(app, good[app])).toEqual([]);
  });

  it.each([
    ['identity', 'BANKID_API_URL', 'http://127.0.0.1:3201/rp/v6.0'],
    ['identity', 'BANKID_API_URL', 'https://bankid-simulator:3201/rp/v6.0'],
    ['identity', 'BANKID_API_URL', 'https://appapi2.test.bankid.com/rp/v6.0'],
    ['identity', 'OIDC_ISSUER', 'https://localhost:3101/oidc'],
    ['identity', 'KEYCLOAK_URL', 'http://localhost:8080'],
    ['identity', 'KEYCLOAK_BROKER_REDIRECT_URIS', 'https://[::1]:8080/realms/delaktig/broker/bankid/endpoint'],
    ['identity', 'CHILD_APP_URL', 'https://127.1.2.3:4300'],
    ['identity', 'BANKID_AUTOSTART_URL', 'https://delaktig.stockholm.se/sim/autostart?t={autoStartToken}'],
    ['identity', 'DATABASE_URL', 'postgresql://u:p@localhost:5432/delaktig_identity'],
    ['survey-delivery', 'SMS_API_URL', 'http://127.0.0.1:3250/a1'],
    ['survey-delivery', 'SMS_API_URL', 'https://sms-sim:3250/a1'],
    ['survey-delivery', 'SMTP_URL', 'smtp://127.0.0.1:1025'],
    ['survey-delivery', 'ALERT_LADDER_TEST_CLOCK', 'true'],
    ['survey-delivery', 'SMTP_URL', 'smtp://maildev:1025'],
    ['survey-delivery', 'SMS_CALLBACK_URL', 'https://localhost:3102'],
    ['survey-delivery', 'KAFKA_BROKERS', 'kafka:9092,127.0.0.1:9092'],
    ['gateway', 'KEYCLOAK_ISSUER_URL', 'https://localhost:8080/realms/delaktig'],
    ['gateway', 'KEYCLOAK_JWKS_URL', 'http://127.0.0.1:8080/realms/delaktig/protocol/openid-connect/certs'],
    ['gateway', 'IDENTITY_URL', 'http://[::1]:3101'],
    ['gateway', 'CORS_ORIGINS', 'https://delaktig.stockholm.se,https://localhost:4300'],
    ['gateway', 'REDIS_URL', 'redis://127.0.0.1:6379'],
    ['audit', 'KAFKA_BROKERS', 'localhost:9092'],
  ] as const)('%s refuses %s=%s', (app, setting, value) => {
    expect(refused(app, { ...good[app], [setting]: value })).toEqual([setting]);
    // …but only in production.
    expect(refused(app, { ...good[app], NODE_ENV: 'development', [setting]: value })).not.toContain(setting);
  });

  it('refuses a loopback Zipkin (the development one), and Zipkin without an endpoint, unlike a loopback OTLP collector', () => {
    const zipkin = { OTEL_TRACES_EXPORTER: 'zipkin', OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'https://zipkin.observability.svc:9411/api/v2/spans' };
    expect(refused('gateway', { ...good.gateway, ...zipkin })).toEqual([]);
    for (const url of ['http://localhost:9411/api/v2/spans', 'http://127.0.0.1:9411/api/v2/spans']) {
      expect(refused('audit', { ...good.audit, ...zipkin, OTEL_EXPORTER_ZIPKIN_ENDPOINT: url })).toEqual(['OTEL_EXPORTER_ZIPKIN_ENDPOINT']);
    }
    expect(refused('gateway', { ...good.gateway, OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual(['OTEL_EXPORTER_ZIPKIN_ENDPOINT']);
    // The development profile: the local Zipkin.
    expect(refused('gateway', { ...good.gateway, NODE_ENV: 'development', ...zipkin, OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://localhost:9411/api/v2/spans' })).toEqual([]);
    expect(refused('gateway', { ...good.gateway, OTEL_TRACES_EXPORTER: 'jaeger' })).toEqual(['OTEL_TRACES_EXPORTER']);
  });

  it('refuses every development default of a secret (every *_DEV_SECRETS, the responses key), naming each', () => {
    const cases: [keyof typeof configSchemas, Record<string, string>][] = [
      ['identity', IDENTITY_DEV_SECRETS],
      ['survey-delivery', SURVEY_DELIVERY_DEV_SECRETS],
      ['statistics', STATISTICS_DEV_SECRETS],
      ['responses', { RESPONSES_ENCRYPTION_KEY: RESPONSES_DEV_ENCRYPTION_KEY }],
    ];
    for (const [app, devSecrets] of cases) {
      // As defaults (the setting left out) …
      const withoutSecrets = Object.fromEntries(Object.entries(good[app]).filter(([k]) => !(k in devSecrets)));
      expect({ app, refused: refused(app, withoutSecrets).sort() }).toEqual({ app, refused: Object.keys(devSecrets).sort() });
      // … and set explicitly.
      expect({ app, refused: refused(app, { ...good[app], ...devSecrets }).sort() }).toEqual({ app, refused: Object.keys(devSecrets).sort() });
    }
  });

  it.each([
    ['dev-only-internal-token-secret-change-me-0123456789'], // infra/env/dev.env
    ['test-only-internal-token-secret-0123456789abcdef'], // infra/env/test.env
    ['dev-only-internal-token-secret-not-for-production'], // docker-compose.yml, k8s dev overlay
    ['CHANGE-ME-to-at-least-32-random-characters'], // k8s/base/secret.example.yaml
  ])('refuses INTERNAL_TOKEN_SECRET=%s in the gateway and every service', (value) => {
    for (const app of Object.keys(good) as (keyof typeof configSchemas)[]) {
      expect({ app, refused: refused(app, { ...good[app], INTERNAL_TOKEN_SECRET: value }) }).toEqual({ app, refused: ['INTERNAL_TOKEN_SECRET'] });
    }
  });

  it('refuses development values of other secrets, also base64-encoded ones and old keys', () => {
    expect(refused('statistics', { ...good.statistics, STATISTICS_CELL_KEY_SECRET: 'compose-dev-only-statistics-cell-key-secret-not-for-production' })).toEqual([
      'STATISTICS_CELL_KEY_SECRET',
    ]);
    expect(refused('responses', { ...good.responses, RESPONSES_ENCRYPTION_KEY: 'Y29tcG9zZS1kZXYtb25seS1yZXNwb25zZXMta2V5ISE=' })).toEqual(['RESPONSES_ENCRYPTION_KEY']);
    expect(refused('responses', { ...good.responses, RESPONSES_ENCRYPTION_OLD_KEYS: `k0:${RESPONSES_DEV_ENCRYPTION_KEY}` })).toEqual(['RESPONSES_ENCRYPTION_OLD_KEYS']);
    expect(refused('survey-delivery', { ...good['survey-delivery'], SMS_API_USERNAME: 'dev-sms-user' })).toEqual(['SMS_API_USERNAME']);
    expect(refused('identity', { ...good.identity, BANKID_CLIENT_CERT: '/certs/FPTestcert4_20230629.p12' })).toEqual(['BANKID_CLIENT_CERT']);
    expect(refused('identity', { ...good.identity, BANKID_CLIENT_CERT_PASSPHRASE: 'qwerty123' })).toEqual(['BANKID_CLIENT_CERT_PASSPHRASE']);
    expect(refused('audit', omit(good.audit, 'AUDIT_CHECKPOINT_SIGNING_KEY'))).toEqual(['AUDIT_CHECKPOINT_SIGNING_KEY']);
  });

  it('requires what would otherwise fall back to a development value, and https for public URLs', () => {
    const identity = omit(good.identity, 'OIDC_ISSUER', 'BANKID_CLIENT_CERT', 'BANKID_CA_CERT');
    expect(refused('identity', identity).sort()).toEqual(['BANKID_CA_CERT', 'BANKID_CLIENT_CERT', 'OIDC_ISSUER']);
    const delivery = omit(good['survey-delivery'], 'SMS_CALLBACK_URL');
    expect(refused('survey-delivery', delivery)).toEqual(['SMS_CALLBACK_URL']);
    expect(refused('identity', { ...good.identity, OIDC_ISSUER: 'http://delaktig.stockholm.se/oidc' })).toEqual(['OIDC_ISSUER']);
    expect(refused('survey-delivery', { ...good['survey-delivery'], SMS_API_URL: 'http://api.46elks.com/a1' })).toEqual(['SMS_API_URL']);
    expect(refused('gateway', { ...good.gateway, CORS_ORIGINS: 'http://delaktig.stockholm.se' })).toEqual(['CORS_ORIGINS']);
    // Several replicas share their rate-limit counters, and the client IP is the one the ingress saw.
    expect(refused('gateway', omit(good.gateway, 'REDIS_URL', 'TRUSTED_PROXIES')).sort()).toEqual(['REDIS_URL', 'TRUSTED_PROXIES']);
    expect(refused('gateway', { ...omit(good.gateway, 'REDIS_URL', 'TRUSTED_PROXIES'), NODE_ENV: 'development' })).toEqual([]);
  });

  it('names each refused setting once, even when two checks refuse it', () => {
    const identity = omit(good.identity, 'PIN_HASH_KEY');
    expect(refused('identity', identity)).toEqual(['PIN_HASH_KEY']);
  });

  it('never echoes a refused value', () => {
    try {
      parseConfig(configSchemas.identity, { ...good.identity, PIN_HASH_KEY: 'dev-only-my-very-secret-value-0000000' });
      throw new Error('accepted');
    } catch (e) {
      expect((e as Error).message).not.toContain('my-very-secret');
    }
  });
});

describe('production checks', () => {
  it.each(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '0.0.0.0', '::', '::ffff:127.0.0.1', '::ffff:7f00:1'])(
    '%s is loopback',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['128.0.0.1', '10.0.0.1', 'localhost.stockholm.se', 'identity', '::2', 'fe80::1'])('%s is not loopback', (h) => expect(isLoopbackHost(h)).toBe(false));

  it('reads hosts from URLs of any scheme and from host:port lists', () => {
    expect(upstreamProblem('postgresql://a:b@127.0.0.1:5432/x')).toMatch(/loopback/);
    expect(upstreamProblem(['kafka-0:9092', 'localhost:9092'])).toMatch(/loopback/);
    expect(upstreamProblem('smtps://u:p@smtp.stockholm.se:465')).toBeUndefined();
    expect(upstreamProblem('https://appapi2.bankid.com/rp/v6.0')).toBeUndefined();
    expect(upstreamProblem('https://api.46elks.com/a1')).toBeUndefined();
  });

  it('does not take a strong secret for a development one', () => {
    expect(secretProblem('k3Jx9Qv2Lp7Wz4Nt8Rb5Hc1Md6Fs0Gy3Ae')).toBeUndefined();
    expect(secretProblem(b64('0123456789abcdef0123456789abcdef'))).toBeUndefined();
  });
});
