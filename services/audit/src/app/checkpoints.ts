import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AuditConfig } from '@delaktig/config';
import { AuditCheckpointPublishedV1, TOPICS } from '@delaktig/contracts';
import { addToOutbox, ensureTopics, outboxEntry } from '@delaktig/messaging';
import { CONFIG, PRISMA } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma';
import { AUDIT_KEYS, AuditLog } from './audit-log';
import { AuditKeys, checkpointMessage, signWith, verifyWith } from './keys';
import { CompactRange } from './merkle';
import { Checkpoint, leafOf } from './verifier';

const logger = createLogger('audit').child({ component: 'checkpoints' });

/**
 * Signs the head of every district's Merkle tree that grew since its last checkpoint and
 * publishes it (AuditCheckpointPublished, through the outbox) — every
 * AUDIT_CHECKPOINT_INTERVAL_SECONDS. The compact range kept with each checkpoint lets the
 * next one extend the tree without rereading it.
 */
@Injectable()
export class CheckpointJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AUDIT_KEYS) private readonly keys: AuditKeys,
    @Inject(CONFIG) private readonly config: AuditConfig,
    private readonly log: AuditLog,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((e) => logger.error({ err: (e as Error).message }, 'checkpoint round failed'))
        .finally(() => {
          this.timer = setTimeout(tick, this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000);
        });
    };
    this.timer = setTimeout(() => {
      this.log
        .sealLegacyEntries()
        .then((n) => n && logger.info({ entries: n }, 'sealed entries written before seals existed'))
        .catch((e) => logger.error({ err: (e as Error).message }, 'sealing legacy entries failed'))
        .finally(tick);
    }, 100);
  }

  async onApplicationShutdown() {
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round; returns the checkpoints issued. One instance at a time (advisory lock). */
  async runOnce(): Promise<Checkpoint[]> {
    const heads = await this.prisma.$queryRawUnsafe<{ district_id: string; tree_size: string; cp_size: string | null }[]>(
      `SELECT h.district_id, h.tree_size::text, (SELECT max(c.tree_size) FROM audit_checkpoint c WHERE c.district_id = h.district_id)::text AS cp_size
       FROM audit_chain_head h ORDER BY h.district_id`,
    );
    const issued: Checkpoint[] = [];
    for (const h of heads.filter((x) => BigInt(x.tree_size) > BigInt(x.cp_size ?? '0'))) {
      const cp = await this.prisma.$transaction(async (tx) => {
        const [lock] = await tx.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(72707370, hashtext($1)) AS ok`, h.district_id);
        if (!lock?.ok) return null;
        // Appends of this district wait meanwhile, so every entry up to the head is committed.
        const [head] = await tx.$queryRawUnsafe<{ tree_size: string; last_seq: string }[]>(
          `SELECT tree_size::text, last_seq::text FROM audit_chain_head WHERE district_id = $1 FOR UPDATE`,
          h.district_id,
        );
        const [prev] = await tx.$queryRawUnsafe<{ tree_size: string; last_seq: string; compact_range: string[] }[]>(
          `SELECT tree_size::text, last_seq::text, compact_range FROM audit_checkpoint c WHERE district_id = $1 ORDER BY c.tree_size DESC LIMIT 1`,
          h.district_id,
        );
        const range = prev ? CompactRange.from(Number(prev.tree_size), prev.compact_range.map((x) => Buffer.from(x, 'hex'))) : new CompactRange();
        const target = Number(head.tree_size);
        if (target <= range.size) return null;
        let cursor = prev?.last_seq ?? '0';
        while (range.size < target) {
          const rows = await tx.$queryRawUnsafe<{ seq: string; id: string; eventId: string; districtId: string; occurredAt: string; actor: string; action: string; objectType: string; objectId: string; correlationId: string }[]>(
            `SELECT seq::text, id::text, event_id::text AS "eventId", district_id AS "districtId",
                    to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
                    actor, action, object_type AS "objectType", object_id AS "objectId", correlation_id AS "correlationId"
             -- e.seq, the bigint: an output column named seq (text) would sort as text.
             FROM audit_entry e WHERE district_id = $1 AND e.seq > $2::bigint AND e.seq <= $3::bigint ORDER BY e.seq LIMIT $4`,
            h.district_id,
            cursor,
            head.last_seq,
            Math.min(5000, target - range.size),
          );
          if (rows.length === 0) throw new Error(`district ${h.district_id}: the log holds fewer entries than its head (${range.size} < ${target})`);
          for (const r of rows) range.append(leafOf(r));
          cursor = rows[rows.length - 1].seq;
        }
        const [instance] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM audit_log_instance`);
        const checkpoint: Checkpoint = {
          logId: instance.id,
          districtId: h.district_id,
          treeSize: range.size,
          rootHash: range.root().toString('hex'),
          issuedAt: new Date().toISOString(),
          keyId: this.keys.keyId,
          signature: '',
        };
        checkpoint.signature = signWith(this.keys, checkpointMessage(checkpoint));
        await tx.$executeRawUnsafe(
          `INSERT INTO audit_checkpoint (district_id, tree_size, last_seq, root_hash, compact_range, issued_at, key_id, signature)
           VALUES ($1, $2::bigint, $3::bigint, $4, $5::text[], $6::timestamptz, $7, $8)`,
          checkpoint.districtId,
          String(checkpoint.treeSize),
          cursor,
          checkpoint.rootHash,
          range.hashes.map((b) => b.toString('hex')),
          checkpoint.issuedAt,
          checkpoint.keyId,
          checkpoint.signature,
        );
        await addToOutbox(tx, [
          outboxEntry(AuditCheckpointPublishedV1, { ...checkpoint, districtId: checkpoint.districtId as never }, { key: checkpoint.districtId, source: 'audit', correlationId: randomUUID() }),
        ]);
        return checkpoint;
      }, { timeout: 600_000 });
      if (cp) issued.push(cp);
    }
    if (issued.length) logger.info({ districts: issued.length }, 'checkpoints issued');
    return issued;
  }
}

/**
 * The latest validly signed checkpoint of each district, read back from the Kafka topic (from
 * its beginning, in a consumer group of its own) — never from the audit database.
 */
export class CheckpointReader {
  private consumer?: Consumer;
  private readonly latest = new Map<string, Checkpoint>();
  private readonly consumed = new Map<number, bigint>();
  private high = new Map<number, bigint>();
  private started?: Promise<void>;
  rejected = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly keys: AuditKeys,
    private readonly topicPrefix: string,
    private readonly topics: { partitions: number; replicationFactor: number },
  ) {}

  get topic() {
    return `${this.topicPrefix}${TOPICS.auditCheckpoint}`;
  }

  start(): Promise<void> {
    this.started ??= (async () => {
      await ensureTopics(this.kafka, [this.topic], this.topics);
      this.consumer = this.kafka.consumer({ groupId: `${this.topicPrefix}audit-checkpoint-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
      await this.consumer.connect();
      await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await this.consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          this.consumed.set(partition, BigInt(message.offset) + 1n);
          this.accept(message.value?.toString('utf8'));
        },
      });
    })();
    return this.started;
  }

  private accept(raw: string | undefined): void {
    try {
      const env = JSON.parse(raw ?? '') as { type: string; version: number; data: Checkpoint };
      if (env.type !== AuditCheckpointPublishedV1.type || env.version !== 1) return;
      const c = AuditCheckpointPublishedV1.schema.parse(env.data) as Checkpoint;
      if (c.keyId !== this.keys.keyId || !verifyWith(this.keys, checkpointMessage(c), c.signature)) {
        this.rejected++;
        return;
      }
      const key = `${c.logId}/${c.districtId}`;
      const known = this.latest.get(key);
      if (!known || c.treeSize > known.treeSize || (c.treeSize === known.treeSize && c.issuedAt > known.issuedAt)) this.latest.set(key, c);
    } catch {
      this.rejected++;
    }
  }

  /** Waits until everything on the topic when called has been read (at most timeoutMs). */
  async caughtUp(timeoutMs = 10_000): Promise<boolean> {
    await this.start();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.topic);
      this.high = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } finally {
      await admin.disconnect();
    }
    const done = () => [...this.high].every(([p, h]) => h === 0n || (this.consumed.get(p) ?? 0n) >= h);
    const until = Date.now() + timeoutMs;
    while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return done();
  }

  /** The latest checkpoint of this log instance's district (checkpoints of other instances do not apply). */
  async latestFor(logId: string, districtId: string): Promise<Checkpoint | null> {
    await this.caughtUp();
    return this.latest.get(`${logId}/${districtId}`) ?? null;
  }

  /** Checkpoints of the district signed for other log instances (another database on the same topic). */
  otherLogs(logId: string, districtId: string): number {
    return [...this.latest.values()].filter((c) => c.districtId === districtId && c.logId !== logId).length;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}

