import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The one envelope of every integration event. `key` is the id of the entity the event
 * concerns and is also the Kafka message key, so events about one entity stay in order.
 */
export const envelopeSchema = z.object({
  id: z.uuid().describe('Unique event id; consumers de-duplicate on it.'),
  type: z.string().regex(/^[A-Z][A-Za-z]+$/).describe('Event type, e.g. InvitationCreated.'),
  version: z.number().int().positive().describe('Major version of the payload schema.'),
  occurredAt: z.iso.datetime({ offset: true }).describe('When the change happened (ISO 8601).'),
  key: z.string().min(1).max(200).describe('Id of the entity the event concerns; the Kafka key.'),
  source: z.string().min(1).describe('Service that produced the event.'),
  correlationId: z.string().min(1).max(200).describe('Id shared by everything one user action caused.'),
  causationId: z.string().max(200).nullable().describe('Id of the event or request that caused this one.'),
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .nullable()
    .describe('W3C trace context of the change that produced the event.'),
  data: z.unknown(),
});

export type EventEnvelope<T = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: T };

export interface EventDefinition<T extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  /** Base topic name (without the environment prefix). */
  topic: string;
  description: string;
  schema: T;
}

export function defineEvent<T extends z.ZodType>(def: EventDefinition<T>): EventDefinition<T> {
  return def;
}

export class EventValidationError extends Error {
  constructor(
    message: string,
    public readonly issues: { path: string; message: string }[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}` : message);
    this.name = 'EventValidationError';
  }
}

export interface EventMeta {
  key: string;
  source: string;
  correlationId: string;
  causationId?: string | null;
  traceparent?: string | null;
  occurredAt?: Date;
  id?: string;
}

/** Builds an envelope and validates the payload against the event's schema (producer side). */
export function createEvent<T extends z.ZodType>(def: EventDefinition<T>, data: z.input<T>, meta: EventMeta): EventEnvelope<z.infer<T>> {
  const parsed = def.schema.safeParse(data);
  if (!parsed.success) {
    throw new EventValidationError(
      `${def.type} v${def.version} payload is invalid`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const envelope: EventEnvelope<z.infer<T>> = {
    id: meta.id ?? randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    key: meta.key,
    source: meta.source,
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    traceparent: meta.traceparent ?? null,
    data: parsed.data,
  };
  const env = envelopeSchema.safeParse(envelope);
  if (!env.success) {
    throw new EventValidationError(
      `${def.type} envelope is invalid`,
      env.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return envelope;
}
