import { defineConfig } from 'prisma/config';

// Used by `prisma generate` and, in production, `prisma migrate deploy`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/delaktig_identity' },
});
