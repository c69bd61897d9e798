import { z } from 'zod';
import { envelopeSchema, EventDefinition } from './envelope';
import { EVENT_CATALOG } from './events';
import { TOPICS } from './topics';

/** Builds the AsyncAPI 3.0 document for the event catalog (committed as asyncapi.yaml). */
export function buildAsyncApi(catalog: readonly EventDefinition[] = EVENT_CATALOG): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const envelope = z.toJSONSchema(envelopeSchema.omit({ data: true }), { target: 'draft-2020-12' }) as Record<string, unknown>;

  for (const def of catalog) {
    const channelId = def.topic.replace(/[^A-Za-z0-9]/g, '_');
    const messageId = `${def.type}V${def.version}`;
    const payload = {
      allOf: [
        { $ref: '#/components/schemas/Envelope' },
        {
          type: 'object',
          properties: {
            type: { const: def.type },
            version: { const: def.version },
            data: z.toJSONSchema(def.schema, { target: 'draft-2020-12', io: 'input' }),
          },
          required: ['data'],
        },
      ],
    };
    messages[messageId] = {
      name: def.type,
      title: `${def.type} v${def.version}`,
      summary: def.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          'event-type': { type: 'string', const: def.type },
          'event-version': { type: 'string', const: String(def.version) },
          traceparent: { type: 'string', description: 'W3C trace context of the publish span.' },
        },
      },
      payload,
    };
    const channel = (channels[channelId] ??= {
      address: def.topic,
      description: `Kafka topic (an environment may add a prefix). Key: the entity id.`,
      messages: {},
    }) as { messages: Record<string, unknown> };
    channel.messages[messageId] = { $ref: `#/components/messages/${messageId}` };
    const opId = `publish${messageId}`;
    operations[opId] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      messages: [{ $ref: `#/channels/${channelId}/messages/${messageId}` }],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Delaktig integration events',
      version: '1.0.0',
      description:
        'Events between the Delaktig services. Every message is one JSON envelope (id, type, version, occurredAt, key, source, correlationId, causationId, traceparent, data), written through a transactional outbox and consumed idempotently. Generated from libs/contracts; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: 'localhost:9092', protocol: 'kafka', description: 'Development broker (infra/kafka.sh).' } },
    channels,
    operations,
    components: { schemas: { Envelope: envelope, DeadLetterTopic: { const: TOPICS.deadLetter } }, messages },
  };
}
