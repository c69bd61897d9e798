import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGING_TABLES_SQL } from '@delaktig/messaging';
import { dbUrl, REPO_ROOT } from './support/env';
import { withDb } from './support/api';

const SERVICES = ['identity', 'survey-delivery', 'responses', 'statistics', 'audit'];

function startWith(app: string, env: Record<string, string>) {
  const main = app === 'gateway' ? join(REPO_ROOT, 'dist', 'gateway', 'main.js') : join(REPO_ROOT, 'dist', 'services', app, 'main.js');
  return spawnSync('node', [main], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 20_000, encoding: 'utf8' });
}

const good = {
  PORT: '4999',
  DATABASE_URL: dbUrl('statistics'),
  KAFKA_BROKERS: '127.0.0.1:9092',
  INTERNAL_TOKEN_SECRET: 'x'.repeat(40),
};

describe('start-up with bad settings', () => {
  it.each([
    ['statistics', 'DATABASE_URL', { ...good, DATABASE_URL: '' }],
    ['audit', 'KAFKA_BROKERS', { ...good, KAFKA_BROKERS: 'kafka' }],
    ['survey-delivery', 'INTERNAL_TOKEN_SECRET', { ...good, INTERNAL_TOKEN_SECRET: 'short' }],
    ['identity', 'PORT', { ...good, PORT: '70000' }],
    ['gateway', 'KEYCLOAK_ISSUER_URL', { PORT: '4998', INTERNAL_TOKEN_SECRET: 'x'.repeat(40) }],
  ])('%s exits at once naming %s', (app, setting, env) => {
    const started = Date.now();
    const r = startWith(app, env as Record<string, string>);
    expect(r.status).toBe(78);
    expect(Date.now() - started).toBeLessThan(15_000);
    const line = r.stderr.split('\n').find((l) => l.includes('invalid setting'));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string).setting).toBe(setting);
  });
});

/**
 * Production mode (NODE_ENV=production) refuses simulators, loopback upstreams and development
 * secrets (libs/config production.ts): each built process below gets a complete production
 * configuration with one setting pointing at a simulator, and must exit 78 naming exactly that one.
 */
describe('start-up in production mode', () => {
  const secret = (c: string) => `${c}Zq8Xw3Vn5Bm1Lk7Jh2Gf4Ds6Ap9Ou0It`;
  const prod = {
    NODE_ENV: 'production',
    PORT: '4997',
    INTERNAL_TOKEN_SECRET: secret('i'),
    KAFKA_BROKERS: 'delaktig-kafka-bootstrap.delaktig.svc:9093',
  };
  const db = (app: string) => `postgresql://${app}:pw@delaktig-pg-rw.delaktig.svc:5432/delaktig_${app.replace(/-/g, '_')}`;
  const identity = {
    ...prod,
    DATABASE_URL: db('identity'),
    PIN_HASH_KEY: secret('p'),
    OIDC_COOKIE_SECRET: secret('c'),
    KEYCLOAK_BROKER_CLIENT_SECRET: secret('b'),
    KEYCLOAK_ADMIN_CLIENT_SECRET: secret('a'),
    CHILD_ACCESS_HASH_KEY: secret('h'),
    OIDC_ISSUER: 'https://delaktig.example.org/oidc',
    KEYCLOAK_URL: 'http://delaktig-keycloak-service:8080',
    KEYCLOAK_BROKER_REDIRECT_URIS: 'https://login.delaktig.example.org/realms/delaktig/broker/bankid/endpoint',
    BANKID_API_URL: 'https://appapi2.bankid.com/rp/v6.0',
    BANKID_CLIENT_CERT: '/var/run/secrets/bankid/rp.p12',
    BANKID_CA_CERT: '/var/run/secrets/bankid/ca.pem',
    CHILD_APP_URL: 'https://barn.delaktig.example.org',
  };
  const surveyDelivery = {
    ...prod,
    DATABASE_URL: db('survey-delivery'),
    CHILD_REF_KEY: secret('r'),
    DELIVERY_ENCRYPTION_KEY: secret('e'),
    SMS_API_URL: 'https://api.46elks.com/a1',
    SMS_API_USERNAME: 'u0123456789abcdef',
    SMS_API_PASSWORD: secret('s'),
    SMS_CALLBACK_URL: 'https://delaktig.example.org/api/callbacks',
    SMS_CALLBACK_SECRET: secret('k'),
    SMTP_URL: 'smtps://delaktig:pw@smtp.example.org:465',
    CHILD_APP_URL: 'https://barn.delaktig.example.org',
    // The safety-alert notifier: identity's internal URL, and the staff UI its messages link to.
    IDENTITY_URL: 'http://identity:3101',
    STAFF_APP_URL: 'https://delaktig.example.org',
  };
  const gateway = {
    ...prod,
    KEYCLOAK_ISSUER_URL: 'https://login.delaktig.example.org/realms/delaktig',
    IDENTITY_URL: 'http://identity:3101',
    SURVEY_DELIVERY_URL: 'http://survey-delivery:3102',
    RESPONSES_URL: 'http://responses:3103',
    STATISTICS_URL: 'http://statistics:3104',
    AUDIT_URL: 'http://audit:3105',
    CORS_ORIGINS: 'https://delaktig.example.org,https://barn.delaktig.example.org',
    // Required in production (ADR 0020): the shared rate-limit store and the ingress's pod CIDR.
    REDIS_URL: 'redis://delaktig-redis:6379/0',
    TRUSTED_PROXIES: '10.244.0.0/16',
  };

  it.each([
    ['identity', 'BANKID_API_URL', { ...identity, BANKID_API_URL: 'http://127.0.0.1:3201/rp/v6.0' }],
    ['identity', 'OIDC_ISSUER', { ...identity, OIDC_ISSUER: 'http://localhost:3101/oidc' }],
    ['identity', 'PIN_HASH_KEY', { ...identity, PIN_HASH_KEY: undefined }],
    ['survey-delivery', 'SMS_API_URL', { ...surveyDelivery, SMS_API_URL: 'http://sms-simulator:3250/a1' }],
    ['survey-delivery', 'SMTP_URL', { ...surveyDelivery, SMTP_URL: 'smtp://127.0.0.1:1025' }],
    ['statistics', 'STATISTICS_CELL_KEY_SECRET', { ...prod, DATABASE_URL: db('statistics') }],
    ['audit', 'INTERNAL_TOKEN_SECRET', { ...prod, DATABASE_URL: db('audit'), AUDIT_CHECKPOINT_SIGNING_KEY: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=', INTERNAL_TOKEN_SECRET: 'dev-only-internal-token-secret-change-me-0123456789' }],
    ['audit', 'AUDIT_CHECKPOINT_SIGNING_KEY', { ...prod, DATABASE_URL: db('audit') }],
    ['gateway', 'KEYCLOAK_ISSUER_URL', { ...gateway, KEYCLOAK_ISSUER_URL: 'http://localhost:8080/realms/delaktig' }],
    ['gateway', 'REDIS_URL', { ...gateway, REDIS_URL: undefined }],
    ['gateway', 'TRUSTED_PROXIES', { ...gateway, TRUSTED_PROXIES: undefined }],
  ])('%s refuses to start, naming %s', (app, setting, env) => {
    const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const r = startWith(app, defined);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 78, stderr: expect.stringContaining(setting) });
    const named = r.stderr
      .split('\n')
      .filter((l) => l.includes('invalid setting'))
      .map((l) => JSON.parse(l).setting);
    expect(named).toEqual([setting]);
  });
});

describe('migrations', () => {
  it.each(SERVICES)('%s: every migration is recorded in _prisma_migrations as Prisma records it', async (service) => {
    const dir = join(REPO_ROOT, 'services', service, 'prisma', 'migrations');
    const expected = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => ({ name: d.name, checksum: createHash('sha256').update(readFileSync(join(dir, d.name, 'migration.sql'))).digest('hex') }));
    const rows = await withDb(service, (db) =>
      db.query('SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name'),
    );
    expect(rows.rows).toEqual(expected);
  });

  it.each(SERVICES)('%s: the first migration creates the outbox and processed-event tables exactly as libs/messaging defines them', (service) => {
    const dir = join(REPO_ROOT, 'services', service, 'prisma', 'migrations');
    const first = readdirSync(dir).sort()[0] as string;
    expect(readFileSync(join(dir, first, 'migration.sql'), 'utf8')).toContain(MESSAGING_TABLES_SQL);
  });

  it.each(SERVICES)('%s: the generated Prisma client and the migrated database agree', async (service) => {
    // Reading every model through the service's own Prisma client fails if a column or table differs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaClient } = require(join(REPO_ROOT, 'services', service, 'src', 'generated', 'prisma', 'client'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaPg } = require('@prisma/adapter-pg');
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl(service) }) });
    try {
      const models = Object.keys(prisma).filter((k) => !k.startsWith('$') && !k.startsWith('_') && typeof prisma[k]?.findFirst === 'function');
      expect(models).toEqual(expect.arrayContaining(['outboxEvent', 'processedEvent']));
      for (const m of models) await prisma[m].findFirst();
    } finally {
      await prisma.$disconnect();
    }
  });
});
