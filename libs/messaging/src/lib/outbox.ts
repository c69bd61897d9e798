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
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_event (id, topic, key, type, version, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[])`,
    entries.map((e) => e.envelope.id),
    entries.map((e) => e.topic),
    entries.map((e) => e.envelope.key),
    entries.map((e) => e.envelope.type),
    entries.map((e) => e.envelope.version),
    entries.map((e) => JSON.stringify(e.envelope)),
  );
  await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_NOTIFY_CHANNEL}', '')`);
}
