import { createEvent, defineEvent } from '@delaktig/contracts';
import { addToOutbox, ensureTopics, MESSAGING_TABLES_SQL, OutboxRelay } from '@delaktig/messaging';
import { Client } from 'pg';
import pino from 'pino';
import { z } from 'zod';
import { waitFor } from './support/api';
import { KAFKA_BROKERS } from './support/env';
import { kafka } from './support/kafka';
import { Kafka, logLevel } from 'kafkajs';

/**
 * The relay on its own: many events for a few keys, two relay instances competing
 * (horizontal scaling), a relay restarted half-way. Every event arrives, and per key in
 * the order it was committed.
 */
const DB = 'delaktig_outbox_relay_test';
const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const URL = `postgresql://postgres@127.0.0.1:5432/${DB}`;
const TestEvent = defineEvent({ type: 'RelayTestEvent', version: 1, topic: `test.relay-${Date.now()}.v1`, description: 'test', schema: z.object({ n: z.number() }) });

describe('outbox relay', () => {
  let db: Client;

  beforeAll(async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    db = new Client({ connectionString: URL });
    await db.connect();
    await db.query(MESSAGING_TABLES_SQL);
  });
  afterAll(async () => {
    await db.end();
  });

  const sql = {
    $executeRawUnsafe: async (q: string, ...v: unknown[]) => (await db.query(q, v)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(q: string, ...v: unknown[]) => (await db.query(q, v)).rows as T,
  };

  function relay(name: string) {
    return new OutboxRelay({
      service: 'relay-test',
      databaseUrl: URL,
      kafka: new Kafka({ clientId: name, brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING }),
      topicPrefix: '',
      batchSize: 50,
      pollIntervalMs: 50,
      retentionHours: 1,
      processedRetentionDays: 30,
      logger: pino({ level: process.env['RELAY_DEBUG'] ? 'debug' : 'silent', base: { relay: name } }),
      topics: { partitions: 3, replicationFactor: 1 },
    });
  }

  it('publishes every event once acknowledged, in commit order per key, across competing and restarted relays', async () => {
    const keys = ['k1', 'k2', 'k3', 'k4'];
    const total = 600;
    const received = new Map<string, number[]>();
    await ensureTopics(kafka, [TestEvent.topic], { partitions: 3, replicationFactor: 1 });
    const consumer = kafka.consumer({ groupId: `relay-test-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TestEvent.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value!.toString());
        received.set(e.key, [...(received.get(e.key) ?? []), e.data.n]);
      },
    });

    const a = relay('relay-a');
    const b = relay('relay-b');
    a.start();
    let bStarted = false;
    // Commit events in many small transactions while both relays run; restart one half-way.
    for (let n = 0; n < total; n += 10) {
      await db.query('BEGIN');
      await addToOutbox(
        sql,
        Array.from({ length: 10 }, (_, i) => {
          const k = keys[(n + i) % keys.length]!;
          return { topic: TestEvent.topic, envelope: createEvent(TestEvent, { n: n + i }, { key: k, source: 'test', correlationId: 'c' }) };
        }),
      );
      await db.query('COMMIT');
      if (!bStarted) {
        // a is the leader once it has published; b then competes for the lock.
        await waitFor(async () => a.lastPublishedAt ?? undefined, 10_000, 'relay a to publish');
        b.start();
        bStarted = true;
      }
      if (n === total / 2) {
        expect(b.lastPublishedAt).toBeUndefined(); // only the leader publishes
        await a.stop(); // b takes over
      }
    }

    await waitFor(async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL');
      return rows[0].n === 0 || undefined;
    }, 30_000, 'the outbox to drain');
    await waitFor(async () => [...received.values()].reduce((s, l) => s + new Set(l).size, 0) === total || undefined, 30_000, 'all events to arrive');
    expect(b.lastPublishedAt).toBeDefined();
    await b.stop();
    await consumer.disconnect();

    for (const k of keys) {
      const seen = received.get(k)!;
      const firsts = seen.filter((n, i) => seen.indexOf(n) === i); // first delivery of each event
      expect(firsts).toEqual([...firsts].sort((x, y) => x - y)); // commit order per key
      expect(firsts).toHaveLength(total / keys.length);
    }
  });

  it('purges published outbox rows and old processed-event ids after their retention, and nothing else', async () => {
    await db.query(`INSERT INTO outbox_event (id, topic, key, type, version, payload, created_at, published_at) VALUES
      (gen_random_uuid(), 't', 'k', 'T', 1, '{}', now() - interval '3 hours', now() - interval '2 hours'),
      (gen_random_uuid(), 't', 'k', 'T', 1, '{}', now() - interval '3 hours', NULL),
      (gen_random_uuid(), 't', 'k', 'T', 1, '{}', now(), now())`);
    await db.query(`INSERT INTO processed_event (consumer, event_id, processed_at) VALUES
      ('c', gen_random_uuid(), now() - interval '31 days'), ('c', gen_random_uuid(), now() - interval '29 days')`);
    const before = (await db.query(`SELECT count(*)::int AS n FROM outbox_event`)).rows[0].n;
    const r = relay('purger');
    const purged = await r.purgeNow();
    await r.stop();
    expect(purged).toEqual({ outbox: 1, processed: 1 });
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox_event`)).rows[0].n).toBe(before - 1);
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`)).rows[0].n).toBe(1); // unpublished: never purged
    expect((await db.query(`SELECT count(*)::int AS n FROM processed_event`)).rows[0].n).toBe(1);
  });
});
