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
