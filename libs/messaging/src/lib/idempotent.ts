import type { EventEnvelope } from '@delaktig/contracts';
import { SqlExecutor, TransactionRunner } from './db';

export interface ProcessResult {
  processed: number;
  duplicates: number;
}

/**
 * Applies the effect of a batch of events exactly once per consumer: the ids of the
 * events are recorded in `processed_event` in the same transaction as the effect, and the
 * effect only sees events not processed before. A redelivered event (after a crash, a
 * rebalance or a relay retry) is skipped; if the transaction fails, nothing is recorded
 * and the batch is retried.
 */
export async function processOnce<TX extends SqlExecutor>(
  db: TransactionRunner<TX>,
  consumer: string,
  events: EventEnvelope[],
  effect: (tx: TX, fresh: EventEnvelope[]) => Promise<void>,
): Promise<ProcessResult> {
  const unique = new Map<string, EventEnvelope>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  if (unique.size === 0) return { processed: 0, duplicates: events.length };
  return db.$transaction(
    async (tx) => {
      const inserted = await tx.$queryRawUnsafe<{ event_id: string }[]>(
        `INSERT INTO processed_event (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS t(id)
         ON CONFLICT DO NOTHING RETURNING event_id::text`,
        consumer,
        [...unique.keys()],
      );
      const freshIds = new Set(inserted.map((r) => r.event_id));
      const fresh = [...unique.values()].filter((e) => freshIds.has(e.id));
      if (fresh.length) await effect(tx, fresh);
      return { processed: fresh.length, duplicates: events.length - fresh.length };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
