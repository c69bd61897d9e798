import { createPrismaClient } from '@delaktig/service-kit';
import { PrismaClient } from './generated/prisma/client';

export { PrismaClient };
export type Prisma = PrismaClient;

export function createPrisma(databaseUrl: string): PrismaClient {
  return createPrismaClient(PrismaClient, databaseUrl);
}
