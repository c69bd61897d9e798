/**
 * Applies a service's migrations with the minimal applier (Prisma's schema engine can't
 * run here; production uses `prisma migrate deploy` on the same folders).
 *   npx ts-node --transpile-only tools/migrate.ts <service> [databaseUrl]
 */
import { join } from 'node:path';
import { applyMigrations } from '../libs/service-kit/src/lib/migrate';

async function main() {
  const [service, url] = process.argv.slice(2);
  if (!service) throw new Error('usage: migrate <service> [databaseUrl]');
  const databaseUrl = url ?? process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const applied = await applyMigrations(databaseUrl, join(__dirname, '..', 'services', service, 'prisma', 'migrations'));
  const db = databaseUrl.replace(/^.*\//, '').replace(/\?.*$/, '');
  console.log(applied.length ? `${service}: applied ${applied.join(', ')} to ${db}` : `${service}: ${db} is up to date`);
}

main().catch((e) => {
  console.error(`migrate failed: ${(e as Error).message}`);
  process.exit(1);
});
