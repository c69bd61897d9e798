import { context, metrics, propagation, SpanKind, trace, type Link } from '@opentelemetry/api';
import { ExponentialBackoff, handleAll, retry, type IRetryBackoffContext } from 'cockatiel';
import type { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { OUTBOX_NOTIFY_CHANNEL } from './sql';
import { ensureTopics, TopicSettings } from './topics';

export interface OutboxRelayOptions {
  service: string;
  databaseUrl: string;
  kafka: Kafka;
  topicPrefix: string;
  batchSize: number;
  pollIntervalMs: number;
  retentionHours: number;
  /** How long ids of consumed events are kept for de-duplication (days); longer than Kafka's topic retention. */
  processedRetentionDays: number;
  logger: Logger;
  topics: TopicSettings;
}

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  type: string;
  version: number;
  payload: { id: string; traceparent: string | null };
}

const tracer = trace.getTracer('delaktig-outbox');

/**
 * Publishes outbox rows to Kafka in commit order, in batches, and marks them published
 * only after Kafka acknowledged them (acks=all). One relay per service database is the
 * leader (a PostgreSQL advisory lock), so horizontally scaled instances never publish
 * concurrently and per-key order holds. Kafka or PostgreSQL outages are waited out with
 * exponential backoff; nothing is dropped. Delivery is at-least-once; consumers
 * de-duplicate on the event id.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private client?: Client;
  private producer?: Producer;
  private producerConnected = false;
  private wake?: () => void;
  private notified = false;
  private lastPurge = 0;
  private readonly lockKey: number;
  private metricsObserved = false;
  private readonly knownTopics = new Set<string>();
  /** Unpublished rows seen in the last poll (for readiness and metrics). */
  backlog = 0;
  lastPublishedAt?: Date;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.lockKey = hashToInt(`delaktig-outbox:${opts.service}`);
  }

  get kafkaConnected(): boolean {
    return this.producerConnected;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.observeBacklog();
    this.loop = this.run();
  }

  /**
   * `delaktig.outbox.backlog` (rows not yet on Kafka) and `delaktig.outbox.oldest_age`
   * (seconds the oldest of them has waited), read from the table at each metrics export by
   * every instance, leader or not. A growing backlog means Kafka or the relay is behind.
   */
  private observeBacklog(): void {
    if (this.metricsObserved) return;
    this.metricsObserved = true;
    const meter = metrics.getMeter('delaktig-outbox');
    const backlog = meter.createObservableGauge('delaktig.outbox.backlog', { description: 'Outbox rows not yet published to Kafka', unit: '{event}' });
    const oldest = meter.createObservableGauge('delaktig.outbox.oldest_age', { description: 'Age of the oldest unpublished outbox row', unit: 's' });
    meter.addBatchObservableCallback(async (result) => {
      const client = this.client;
      if (!client) return;
      try {
        const { rows } = await client.query<{ n: number; age: number | null }>(
          `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox_event WHERE published_at IS NULL`,
        );
        result.observe(backlog, rows[0]?.n ?? 0, { service: this.opts.service });
        result.observe(oldest, rows[0]?.age ?? 0, { service: this.opts.service });
      } catch {
        /* the database is away: no reading rather than a wrong one */
      }
    }, [backlog, oldest]);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop?.catch(() => undefined);
    await this.closeDb();
    await this.producer?.disconnect().catch(() => undefined);
    this.producerConnected = false;
  }

  private async run(): Promise<void> {
    const policy = retry(handleAll, {
      maxAttempts: Number.MAX_SAFE_INTEGER,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 5000 }),
    });
    policy.onRetry((ctx) => {
      const err = 'error' in ctx ? (ctx.error as Error) : undefined;
      this.opts.logger.warn({ err: err?.message, attempt: ctx.attempt, delayMs: ctx.delay }, 'outbox relay retrying');
    });
    while (this.running) {
      try {
        const published = await policy.execute(async (_c: IRetryBackoffContext<unknown> | unknown) => {
          if (!this.running) return 0;
          return this.step();
        });
        if (published === 0) await this.idle();
      } catch (e) {
        if (!this.running) break;
        this.opts.logger.error({ err: (e as Error).message }, 'outbox relay step failed');
      }
    }
  }

  /** One round: ensure leadership, publish up to one batch. Returns how many were published. */
  async step(): Promise<number> {
    const db = await this.db();
    const [{ locked }] = (
      await db.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.lockKey])
    ).rows as [{ locked: boolean }];
    if (!locked) return 0; // another instance is the leader
    const { rows } = await db.query<OutboxRow>(
      // Order by the bigint column itself (an output column named seq would sort as text).
      `SELECT o.seq::text AS seq, o.topic, o.key, o.type, o.version, o.payload FROM outbox_event o
       WHERE o.published_at IS NULL ORDER BY o.seq LIMIT $1`,
      [this.opts.batchSize],
    );
    this.backlog = rows.length;
    if (rows.length === 0) {
      await this.purge(db);
      return 0;
    }
    await this.publish(rows);
    await db.query('UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
    this.lastPublishedAt = new Date();
    this.opts.logger.debug({ events: rows.length, firstSeq: rows[0]?.seq, lastSeq: rows[rows.length - 1]?.seq }, 'published');
    return rows.length;
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const producer = await this.ensureProducer();
    const newTopics = [...new Set(rows.map((r) => `${this.opts.topicPrefix}${r.topic}`))].filter((t) => !this.knownTopics.has(t));
    if (newTopics.length) {
      await ensureTopics(this.opts.kafka, newTopics, this.opts.topics);
      newTopics.forEach((t) => this.knownTopics.add(t));
    }
    const links: Link[] = [];
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const topic = `${this.opts.topicPrefix}${row.topic}`;
      const headers: Record<string, string> = {
        'event-id': row.payload.id,
        'event-type': row.type,
        'event-version': String(row.version),
      };
      if (row.payload.traceparent) {
        headers['traceparent'] = row.payload.traceparent;
        const spanCtx = trace.getSpanContext(propagation.extract(context.active(), { traceparent: row.payload.traceparent }));
        if (spanCtx) links.push({ context: spanCtx });
      }
      const list = byTopic.get(topic) ?? [];
      list.push({ key: row.key, value: JSON.stringify(row.payload), headers });
      byTopic.set(topic, list);
    }
    await tracer.startActiveSpan('outbox publish', { kind: SpanKind.PRODUCER, links: links.slice(0, 128), attributes: { 'messaging.system': 'kafka', 'messaging.batch.message_count': rows.length } }, async (span) => {
      try {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages })),
        });
      } catch (e) {
        // Start with a fresh producer next time: its connection or sequence state may be stale.
        this.producerConnected = false;
        await producer.disconnect().catch(() => undefined);
        this.producer = undefined;
        throw e;
      } finally {
        span.end();
      }
    });
  }

  private async ensureProducer(): Promise<Producer> {
    if (this.producer && this.producerConnected) return this.producer;
    const producer = this.opts.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    producer.on(producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
    await producer.connect();
    this.producer = producer;
    this.producerConnected = true;
    return producer;
  }

  private async db(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.opts.databaseUrl, application_name: `${this.opts.service}-outbox-relay` });
    client.on('error', () => {
      // Connection lost (e.g. PostgreSQL restart): the lock is gone with it; reconnect later.
      void this.closeDb();
    });
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
    this.client = client;
    return client;
  }

  private async closeDb(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private idle(): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.opts.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        this.notified = false;
        done();
      };
    });
  }

  private async purge(db: Client): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    await this.purgeNow(db);
  }

  /**
   * Deletes published outbox rows after OUTBOX_RETENTION_HOURS and processed-event ids after
   * PROCESSED_EVENT_RETENTION_DAYS, in bounded chunks so a large backlog never holds long
   * locks. Runs on the leader while it is idle.
   */
  async purgeNow(db?: Client): Promise<{ outbox: number; processed: number }> {
    const client = db ?? (await this.db());
    let outbox = 0;
    let processed = 0;
    for (;;) {
      const r = await client.query(
        `DELETE FROM outbox_event WHERE seq IN (
           SELECT seq FROM outbox_event WHERE published_at < now() - make_interval(hours => $1) LIMIT 5000)`,
        [this.opts.retentionHours],
      );
      outbox += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 5000) break;
    }
    for (;;) {
      const r = await client.query(
        `DELETE FROM processed_event WHERE (consumer, event_id) IN (
           SELECT consumer, event_id FROM processed_event WHERE processed_at < now() - make_interval(days => $1) LIMIT 5000)`,
        [this.opts.processedRetentionDays],
      );
      processed += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 5000) break;
    }
    return { outbox, processed };
  }

}

function hashToInt(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}
