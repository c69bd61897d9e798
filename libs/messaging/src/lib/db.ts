/**
 * The part of a Prisma client (or interactive-transaction client) this library uses.
 * Every service has its own generated Prisma client; all of them fit this shape.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionRunner<TX extends SqlExecutor> {
  $transaction<R>(fn: (tx: TX) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}
