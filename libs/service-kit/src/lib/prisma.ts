import { PrismaPg } from '@prisma/adapter-pg';

/** Creates a service's Prisma client on the pg driver adapter (no Prisma engine binary needed). */
export function createPrismaClient<T>(
  PrismaClient: new (options: { adapter: PrismaPg }) => T,
  databaseUrl: string,
  poolSize = 10,
): T {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
