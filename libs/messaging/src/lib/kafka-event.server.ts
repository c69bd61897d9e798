import { EventEnvelope, EventValidationError, parseEvent, TOPICS } from '@delaktig/contracts';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { context, metrics, propagation, SpanKind, trace, type Link } from '@opentelemetry/api';
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Logger } from 'pino';
import { ensureTopics, TopicSettings } from './topics';

/** What an `@EventPattern(topic)` handler receives: a batch of validated events from one partition. */
export interface EventBatch {
  topic: string;
  partition: number;
  events: EventEnvelope[];
}

/** Shared with the health endpoint: whether the consumer has joined its group. */
export class ConsumerState {
  status: 'n/a' | 'joining' | 'joined' = 'n/a';
}

export interface KafkaEventServerOptions {
  state?: ConsumerState;
  kafka: Kafka;
  groupId: string;
  topicPrefix: string;
  logger: Logger;
  topics: TopicSettings;
  /** How many partitions are processed at once (order within a partition always holds). */
  partitionsConsumedConcurrently?: number;
  maxWaitTimeInMs?: number;
}

const tracer = trace.getTracer('delaktig-consumer');

/**
 * A NestJS microservice transport that consumes Kafka in batches. Handlers are declared
 * with `@EventPattern(<base topic>)` and receive an {@link EventBatch}; they must apply
 * their effect idempotently (see `processOnce`). Offsets are committed only after the
 * handler succeeded; a failing handler is retried with backoff (e.g. while PostgreSQL
 * restarts) without skipping anything. Messages that fail contract validation are sent
 * to the dead-letter topic with the reason, never dropped silently.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  connected = false;

  constructor(private readonly opts: KafkaEventServerOptions) {
    super();
    this.state = opts.state ?? new ConsumerState();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length === 0) {
      callback();
      return;
    }
    this.dlqProducer = this.opts.kafka.producer({ allowAutoTopicCreation: true });
    this.observeLag(topics);
    // Connecting may take a while if Kafka is down; the HTTP side must not wait for it.
    void this.startConsumer(topics);
    callback();
  }

  private readonly state: ConsumerState;
  private admin?: Admin;

  /**
   * `delaktig.kafka.consumer.lag`: per topic and partition, how many events this consumer
   * group has not yet committed (log end offset − committed offset), asked of the broker at
   * each metrics export, so a stuck or slow consumer shows even while it receives nothing.
   */
  private observeLag(baseTopics: string[]): void {
    const groupId = `${this.opts.topicPrefix}${this.opts.groupId}`;
    const topics = baseTopics.map((t) => `${this.opts.topicPrefix}${t}`);
    const lag = metrics.getMeter('delaktig-consumer').createObservableGauge('delaktig.kafka.consumer.lag', { description: 'Events on Kafka not yet processed by this consumer group', unit: '{event}' });
    lag.addCallback(async (result) => {
      if (this.closing || this.state.status !== 'joined') return;
      try {
        if (!this.admin) {
          const admin = this.opts.kafka.admin();
          await admin.connect();
          this.admin = admin;
        }
        const committed = await this.admin.fetchOffsets({ groupId, topics });
        for (const { topic, partitions } of committed) {
          const ends = await this.admin.fetchTopicOffsets(topic);
          for (const end of ends) {
            const done = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
            const behind = Number(end.high) - (done < 0 ? Number(end.low) : done);
            result.observe(Math.max(0, behind), { group: this.opts.groupId, topic: topic.slice(this.opts.topicPrefix.length), partition: end.partition });
          }
        }
      } catch {
        /* Kafka is away: no reading rather than a wrong one */
      }
    });
  }
  private closing = false;
  private restarts = 0;

  /**
   * Creates, connects and runs a consumer. kafkajs restarts a crashed consumer by itself
   * only after retriable errors; after a non-retriable one (e.g. "Failed to find group
   * coordinator" while a restarted broker is still loading) it stays down. Then this
   * supervisor replaces it with a new consumer after a backoff, so consumption always
   * resumes after a Kafka outage.
   */
  private async startConsumer(baseTopics: string[]): Promise<void> {
    if (this.closing) return;
    const consumer = this.opts.kafka.consumer({
      groupId: `${this.opts.topicPrefix}${this.opts.groupId}`,
      maxWaitTimeInMs: this.opts.maxWaitTimeInMs ?? 100,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: true,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    this.consumer = consumer;
    this.state.status = 'joining';
    consumer.on(consumer.events.CONNECT, () => (this.connected = true));
    consumer.on(consumer.events.DISCONNECT, () => {
      this.connected = false;
      this.state.status = 'joining';
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.state.status = 'joined';
      this.restarts = 0;
    });
    consumer.on(consumer.events.REBALANCING, () => (this.state.status = 'joining'));
    consumer.on(consumer.events.CRASH, (e) => {
      this.opts.logger.error({ err: e.payload.error?.message, restart: e.payload.restart }, 'kafka consumer crashed');
      if (!e.payload.restart) void this.replaceConsumer(consumer, baseTopics);
    });
    const policy = retry(handleAll, { maxAttempts: Number.MAX_SAFE_INTEGER, backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 5_000 }) });
    await policy.execute(async () => {
      if (this.closing || this.consumer !== consumer) return;
      const topics = baseTopics.map((t) => `${this.opts.topicPrefix}${t}`);
      await ensureTopics(this.opts.kafka, [...topics, `${this.opts.topicPrefix}${TOPICS.deadLetter}`], this.opts.topics);
      await consumer.connect();
      await this.dlqProducer?.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 3,
        eachBatch: (payload) => this.handleBatch(payload),
      });
    });
  }

  private async replaceConsumer(crashed: Consumer, baseTopics: string[]): Promise<void> {
    if (this.closing || this.consumer !== crashed) return;
    const delay = Math.min(500 * 2 ** this.restarts++, 10_000);
    this.opts.logger.warn({ delayMs: delay }, 'replacing crashed kafka consumer');
    await crashed.disconnect().catch(() => undefined);
    await new Promise((r) => setTimeout(r, delay));
    await this.startConsumer(baseTopics);
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const baseTopic = batch.topic.slice(this.opts.topicPrefix.length);
    const handler = this.getHandlerByPattern(baseTopic);
    if (!handler || batch.messages.length === 0) return;
    const events: EventEnvelope[] = [];
    const invalid: { message: KafkaMessage; reason: string }[] = [];
    for (const message of batch.messages) {
      try {
        events.push(parseEvent(JSON.parse(message.value?.toString('utf8') ?? 'null')));
      } catch (e) {
        invalid.push({ message, reason: e instanceof EventValidationError ? e.message : `not JSON: ${(e as Error).message}` });
      }
    }
    const policy = retry(handleAll, { maxAttempts: Number.MAX_SAFE_INTEGER, backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 5_000 }) });
    policy.onRetry((ctx) => {
      const err = 'error' in ctx ? (ctx.error as Error) : undefined;
      this.opts.logger.warn({ topic: batch.topic, partition: batch.partition, err: err?.message, attempt: ctx.attempt }, 'event handler failed, retrying');
      void heartbeat().catch(() => undefined);
    });
    if (invalid.length) await policy.execute(() => this.deadLetter(batch.topic, invalid));
    if (events.length) {
      const links: Link[] = [];
      for (const e of events) {
        const sc = e.traceparent ? trace.getSpanContext(propagation.extract(context.active(), { traceparent: e.traceparent })) : undefined;
        if (sc) links.push({ context: sc });
      }
      // A single-trace batch continues that trace; a mixed batch links to all of them.
      const parent = links.length === 1 && events.length === 1 ? propagation.extract(context.active(), { traceparent: events[0]?.traceparent ?? '' }) : context.active();
      await context.with(parent, () =>
        tracer.startActiveSpan(
          `process ${baseTopic}`,
          { kind: SpanKind.CONSUMER, links: links.length === 1 && events.length === 1 ? [] : links.slice(0, 128), attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': batch.topic, 'messaging.batch.message_count': events.length } },
          async (span) => {
            try {
              await policy.execute(async () => {
                if (!isRunning() || isStale()) throw new StopProcessing();
                const result = await handler({ topic: baseTopic, partition: batch.partition, events } satisfies EventBatch);
                if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
              });
            } finally {
              span.end();
            }
          },
        ),
      ).catch((e) => {
        if (e instanceof StopProcessing) return;
        throw e;
      });
      if (!isRunning() || isStale()) return;
    }
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
  }

  private async deadLetter(topic: string, invalid: { message: KafkaMessage; reason: string }[]): Promise<void> {
    for (const { reason } of invalid) this.opts.logger.error({ topic, reason }, 'invalid event sent to dead-letter topic');
    await this.dlqProducer?.send({
      topic: `${this.opts.topicPrefix}${TOPICS.deadLetter}`,
      acks: -1,
      messages: invalid.map(({ message, reason }) => ({
        key: message.key,
        value: message.value,
        headers: { ...(message.headers ?? {}), 'dead-letter-reason': reason.slice(0, 1000), 'dead-letter-topic': topic, 'dead-letter-offset': message.offset },
      })),
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.connected = false;
  }

  on(): never {
    throw new Error('KafkaEventServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

class StopProcessing extends Error {}
