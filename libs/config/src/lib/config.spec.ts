import { ConfigError, parseConfig } from './config';
import { configSchemas, gatewayConfigSchema } from './settings';

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
