import { ConfigError, parseConfig } from './config';
import { configSchemas, DEFAULT_TRUSTED_PROXIES, gatewayConfigSchema } from './settings';

const validService = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/delaktig_audit',
  KAFKA_BROKERS: '127.0.0.1:9092',
  INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
};

describe('settings', () => {
  it('accepts a complete service configuration and applies defaults', () => {
    const cfg = parseConfig(configSchemas.audit, validService);
    expect(cfg.PORT).toBe(3105);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(cfg.OUTBOX_BATCH_SIZE).toBe(500);
  });

  it('names a missing setting', () => {
    const { DATABASE_URL: _omit, ...rest } = validService;
    expect(() => parseConfig(configSchemas.audit, rest)).toThrow(/DATABASE_URL: is required/);
  });

  it('names every malformed setting without echoing secret values', () => {
    try {
      parseConfig(configSchemas.statistics, {
        ...validService,
        KAFKA_BROKERS: 'not a broker',
        PORT: 'eighty',
        INTERNAL_TOKEN_SECRET: 'short-secret-value',
      });
      fail('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const settings = (e as ConfigError).problems.map((p) => p.setting).sort();
      expect(settings).toEqual(['INTERNAL_TOKEN_SECRET', 'KAFKA_BROKERS', 'PORT']);
      expect((e as Error).message).not.toContain('short-secret-value');
    }
  });

  it('requires the gateway to know every service URL', () => {
    expect(() =>
      parseConfig(gatewayConfigSchema, {
        INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
        KEYCLOAK_ISSUER_URL: 'http://localhost:8080/realms/delaktig',
        IDENTITY_URL: 'http://localhost:3101',
        SURVEY_DELIVERY_URL: 'http://localhost:3102',
        RESPONSES_URL: 'http://localhost:3103',
        STATISTICS_URL: 'http://localhost:3104',
      }),
    ).toThrow(/AUDIT_URL: is required/);
  });
});

describe('gateway: rate-limit store and trusted proxies', () => {
  const gateway = {
    INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
    KEYCLOAK_ISSUER_URL: 'http://localhost:8080/realms/delaktig',
    IDENTITY_URL: 'http://localhost:3101',
    SURVEY_DELIVERY_URL: 'http://localhost:3102',
    RESPONSES_URL: 'http://localhost:3103',
    STATISTICS_URL: 'http://localhost:3104',
    AUDIT_URL: 'http://localhost:3105',
  };
  const problems = (env: Record<string, string>) => {
    try {
      parseConfig(gatewayConfigSchema, { ...gateway, ...env });
      return [];
    } catch (e) {
      return (e as ConfigError).problems.map((p) => `${p.setting}: ${p.reason}`);
    }
  };

  it('counts in memory and trusts only loopback when nothing is set (development, tests)', () => {
    const cfg = parseConfig(gatewayConfigSchema, gateway);
    expect(cfg.REDIS_URL).toBeUndefined();
    expect(cfg.TRUSTED_PROXIES).toBeUndefined(); // the gateway then uses DEFAULT_TRUSTED_PROXIES
    expect(DEFAULT_TRUSTED_PROXIES).toEqual(['loopback']);
    expect(cfg.RATE_LIMIT_KEY_PREFIX).toBe('delaktig:ratelimit:');
    expect(parseConfig(gatewayConfigSchema, { ...gateway, REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('takes a redis:// or rediss:// URL only', () => {
    expect(parseConfig(gatewayConfigSchema, { ...gateway, REDIS_URL: 'rediss://u:p@redis:6380/2' }).REDIS_URL).toBe('rediss://u:p@redis:6380/2');
    expect(problems({ REDIS_URL: 'http://redis:6379' })).toEqual(['REDIS_URL: must be a redis:// or rediss:// URL']);
  });

  it('takes IP addresses, CIDR ranges and the named sets, and refuses anything else', () => {
    const cfg = parseConfig(gatewayConfigSchema, { ...gateway, TRUSTED_PROXIES: ' 10.42.0.0/16, Loopback,fd00::/8 ,192.0.2.7, ::1' });
    expect(cfg.TRUSTED_PROXIES).toEqual(['10.42.0.0/16', 'loopback', 'fd00::/8', '192.0.2.7', '::1']);
    expect(problems({ TRUSTED_PROXIES: 'ingress-nginx' })).toEqual([expect.stringMatching(/^TRUSTED_PROXIES: "ingress-nginx" is not an IP address/)]);
    expect(problems({ TRUSTED_PROXIES: '10.0.0.0/33' })).toEqual(['TRUSTED_PROXIES: "10.0.0.0/33" has no valid prefix length']);
    expect(problems({ TRUSTED_PROXIES: '10.0.0.0/x' })).toEqual(['TRUSTED_PROXIES: "10.0.0.0/x" has no valid prefix length']);
    expect(problems({ TRUSTED_PROXIES: 'loopback,0.0.0.0/0' })).toEqual([expect.stringMatching(/would trust every address/)]);
    expect(problems({ TRUSTED_PROXIES: '::/0' })).toEqual([expect.stringMatching(/would trust every address/)]);
  });
});

describe('settings documentation', () => {
  it('docs/SETTINGS.md documents every setting of every deployable', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readFileSync } = require('node:fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { settingsDoc } = require('./doc');
    const committed = readFileSync(require('node:path').join(__dirname, '../../../../docs/SETTINGS.md'), 'utf8');
    expect(committed).toBe(settingsDoc());
    for (const [app, schema] of Object.entries(configSchemas)) {
      for (const key of Object.keys((schema as { shape: object }).shape)) expect(committed).toContain(`| \`${key}\` |`);
      expect(committed).toContain(`## ${app}`);
    }
  });
});
