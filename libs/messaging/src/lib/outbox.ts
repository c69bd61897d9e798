import { createEvent, EventDefinition, EventEnvelope, EventMeta } from '@delaktig/contracts';
import type { z } from 'zod';
import { SqlExecutor } from './db';
import { OUTBOX_NOTIFY_CHANNEL } from './sql';

export interface OutboxEntry {
  /** Base topic name; the relay adds the environment prefix. */
  topic: string;
  envelope: EventEnvelope;
}

/** Builds a validated event for the outbox (throws if the payload breaks its contract). */
export function outboxEntry<T extends z.ZodType>(def: EventDefinition<T>, data: z.input<T>, meta: EventMeta): OutboxEntry {
  return { topic: def.topic, envelope: createEvent(def, data, meta) };
}

/**
 * Writes events to the outbox inside the caller's transaction, so they are stored if and
 * only if the change they describe is committed. The relay is woken on commit.
 */
export async function addToOutbox(tx: SqlExecutor, entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRawUnsafe(`INSERT INTO outbox_event (id, topic, key, type, version, payload) ${outboxRowsSelect(1)}`, ...outboxRowParams(entries));
  await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_NOTIFY_CHANNEL}', '')`);
}

/**
 * The outbox rows of `entries` as a `SELECT` over six array parameters starting at `$first`
 * (pass {@link outboxRowParams} there): for a single statement that writes a change and its
 * events together (a data-modifying CTE), without an interactive transaction.
 */
export function outboxRowsSelect(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `SELECT * FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::int[], ${p(5)}::jsonb[])`;
}

export function outboxRowParams(entries: OutboxEntry[]): [string[], string[], string[], string[], number[], string[]] {
  return [
    entries.map((e) => e.envelope.id),
    entries.map((e) => e.topic),
    entries.map((e) => e.envelope.key),
    entries.map((e) => e.envelope.type),
    entries.map((e) => e.envelope.version),
    entries.map((e) => JSON.stringify(e.envelope)),
  ];
}
