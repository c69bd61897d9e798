import { defineConfig } from 'prisma/config';

// Used by `prisma generate` and, in production, `prisma migrate deploy`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Migrations run as the database owner (MIGRATION_DATABASE_URL); the service itself as the writer role.
  datasource: { url: process.env['MIGRATION_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/delaktig_audit' },
});
