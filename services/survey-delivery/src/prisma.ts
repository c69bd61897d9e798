import { createPrismaClient } from '@delaktig/service-kit';
import { PrismaClient, type Prisma as PrismaNamespace } from './generated/prisma/client';

export { PrismaClient };
export type Prisma = PrismaClient;

export function createPrisma(databaseUrl: string): PrismaClient {
  return createPrismaClient(PrismaClient, databaseUrl);
}

/** A JSON value Prisma accepts for a `Json` column. */
export type JsonInput = PrismaNamespace.InputJsonValue;
