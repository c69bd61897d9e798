/**
 * Benchmark: audit write rate and time to checkpoint (ADR 0014). The anchor is Trillian
 * Tessera's ≈ 2,000 writes/s on a small database. Publishes N auditable events to Kafka on the
 * real topic of the profile (default InvitationAccessed v1 "list" on the invitation topic — the
 * audit log's most frequent event, one per invitation shown in a list — spread over the 13
 * districts; with `--event staff-sign-in`, StaffSignIn v1 on the staff topic, which only audit
 * consumes), as fast as Kafka takes them, every one with the same actor, a marker unique to the
 * run, so exactly this run's entries are counted. Then, in one sitting:
 *  - the end-to-end audit write rate: N / (first event sent → N-th entry committed in audit_entry,
 *    seen by polling every 50 ms), and event → entry latency p50/p95 (the event's occurred_at →
 *    recorded_at, which is the start of the transaction that wrote the entry);
 *  - time to checkpoint: from the last entry written until a signed checkpoint covers every
 *    district's last entry — stored (audit_checkpoint.issued_at) and published (the timestamp of
 *    the AuditCheckpointPublished message on the compacted checkpoint topic) — printed beside
 *    AUDIT_CHECKPOINT_INTERVAL_SECONDS of the profile;
 *  - the physical ceiling: the same rows (per entry an audit_entry, a seal and a processed_event
 *    row; per district in each transaction the chain head's upsert, lock and update) in
 *    transactions of the size the service used, by pgbench with the consumer's concurrency
 *    (3 partitions at once), into scratch copies of the tables (schema bench_audit_ceiling in the
 *    audit database, LIKE the real ones with their indexes), dropped afterwards.
 * The audit entries this writes stay in the log: it is append-only and tamper-evident (the
 * writer role may not delete, a trigger refuses it, and removing entries would break the chain
 * and the published checkpoints). That is fine in the test database; do not point it at a log
 * that matters. Only the scratch schema and the checkpoint consumer's group are removed.
 *   npm run bench:audit -- [--profile test] [--events 20000] [--event invitation-accessed|staff-sign-in] [--clients 3]
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Client } from 'pg';
import { AuditCheckpointPublishedV1, createEvent, InvitationAccessedV1, StaffSignInV1, TOPICS } from '../libs/contracts/src';
import { DISTRICTS } from '../libs/contracts/src/lib/districts';
import { benchArgs, inlineParams, pgbenchCeiling, profileEnv } from './profile';

const args = benchArgs();
const profile = args['profile'] || 'test';
const env = profileEnv(profile);
const EVENTS = Number(args['events'] || 20_000);
const EVENT = args['event'] || 'invitation-accessed';
/** The consumer's concurrency: KafkaEventServer's partitionsConsumedConcurrently (libs/messaging). */
const CLIENTS = Number(args['clients'] || 3);
const PREFIX = env['KAFKA_TOPIC_PREFIX'] ?? '';
const TOPIC = `${PREFIX}${EVENT === 'staff-sign-in' ? TOPICS.staff : TOPICS.invitation}`;
/** docs/SETTINGS.md: AUDIT_CHECKPOINT_INTERVAL_SECONDS, default 60 (the test profile sets 2). */
const CHECKPOINT_INTERVAL_S = Number(env['AUDIT_CHECKPOINT_INTERVAL_SECONDS'] ?? 60);
const TESSERA_WRITES_PER_S = 2000;
const DISTRICT_IDS = DISTRICTS.map((d) => d.id).filter((id) => id !== 'central');
const DATABASE = `delaktig_audit${env['DB_SUFFIX'] ?? ''}`;
const SCRATCH = 'bench_audit_ceiling';
const RUN = randomUUID().slice(0, 8);
const MARKER = `bench-audit-${RUN}`;
const db = new Client({ connectionString: `postgresql://${process.env['PGUSER'] ?? 'postgres'}@${process.env['PGHOST'] ?? '127.0.0.1'}:5432/${DATABASE}`, application_name: 'bench-audit' });
const kafka = new Kafka({ clientId: 'bench-audit', brokers: (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });

const ms = (x: number) => Number(x.toFixed(1));
const perS = (n: number, msTaken: number) => Number(((n * 1000) / msTaken).toFixed(1));
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** The i-th event of the run: auditable, in district i mod 13, by the run's marker actor. */
function eventAt(i: number): { key: string; value: string } {
  const districtId = DISTRICT_IDS[i % DISTRICT_IDS.length] as (typeof DISTRICT_IDS)[number];
  const at = new Date().toISOString();
  if (EVENT === 'staff-sign-in') {
    const e = createEvent(StaffSignInV1, { outcome: 'signed-in', staffId: MARKER, districtId, at }, { key: `${MARKER}-${i}`, source: 'bench', correlationId: MARKER });
    return { key: e.key, value: JSON.stringify(e) };
  }
  const invitationId = randomUUID();
  const e = createEvent(InvitationAccessedV1, { invitationId, districtId, actor: MARKER, action: 'list', at }, { key: invitationId, source: 'bench', correlationId: MARKER });
  return { key: invitationId, value: JSON.stringify(e) };
}

/** Publishes all events in batches of 500, a few in flight; returns when Kafka acknowledged the last. */
async function publish(producer: Producer): Promise<void> {
  const BATCH = 500;
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < EVENTS) {
        const from = next;
        next = Math.min(EVENTS, next + BATCH);
        await producer.send({ topic: TOPIC, messages: Array.from({ length: next - from }, (_, k) => eventAt(from + k)) });
      }
    }),
  );
}

/** Reads the checkpoint topic from its beginning: per district, when (message timestamp) which tree size of this log was published. */
async function checkpointWatcher(logId: string) {
  const groupId = `${PREFIX}bench-audit-${RUN}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const published = new Map<string, { treeSize: number; at: number }[]>();
  await consumer.connect();
  await consumer.subscribe({ topic: `${PREFIX}${TOPICS.auditCheckpoint}`, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      try {
        const e = JSON.parse(message.value?.toString('utf8') ?? '') as { type: string; version: number; data: { logId: string; districtId: string; treeSize: number } };
        if (e.type !== AuditCheckpointPublishedV1.type || e.version !== AuditCheckpointPublishedV1.version || e.data.logId !== logId) return;
        published.set(e.data.districtId, [...(published.get(e.data.districtId) ?? []), { treeSize: e.data.treeSize, at: Number(message.timestamp) }]);
      } catch {
        // Not a checkpoint of ours: ignored, as the verifier does.
      }
    },
  });
  return {
    /** Wall-clock time of the first published checkpoint of the district with more than `leaf` entries. */
    coveredAt: (districtId: string, leaf: number) => Math.min(...(published.get(districtId) ?? []).filter((c) => c.treeSize > leaf).map((c) => c.at)),
    stop: async () => {
      await consumer.disconnect().catch(() => undefined);
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

const count = async () => Number((await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE actor = $1`, [MARKER])).rows[0].n);

/** Polls until all N entries are committed; fails if none arrives for 60 s. Wall-clock times (ms) of the first and last. */
async function awaitEntries(): Promise<{ first: number; last: number }> {
  let first = NaN;
  let seen = 0;
  let progressAt = Date.now();
  for (;;) {
    const n = await count();
    const now = Date.now();
    if (n > 0 && Number.isNaN(first)) first = now;
    if (n > seen) {
      seen = n;
      progressAt = now;
    }
    if (n >= EVENTS) return { first, last: now };
    if (now - progressAt > 60_000) throw new Error(`only ${n} of ${EVENTS} audit entries after 60 s without progress: is the audit service (profile ${profile}) consuming?`);
    await sleep(50);
  }
}

/** The physical ceiling: the service's rows for `batch` entries per transaction, in scratch tables, by pgbench. */
function ceiling(batch: number) {
  const sql = inlineParams(
    `BEGIN;
     INSERT INTO ${SCRATCH}.processed_event (consumer, event_id) SELECT 'audit.bench', gen_random_uuid() FROM generate_series(1, $2);
     INSERT INTO ${SCRATCH}.audit_chain_head (district_id, last_seq, last_hash) SELECT d, 0, repeat('0', 64) FROM unnest(($1::text[])[1:$2]) d ON CONFLICT DO NOTHING;
     SELECT district_id FROM ${SCRATCH}.audit_chain_head WHERE district_id = ANY(($1::text[])[1:$2]) ORDER BY district_id FOR UPDATE;
     WITH e AS (
       INSERT INTO ${SCRATCH}.audit_entry (id, event_id, district_id, occurred_at, actor, action, object_type, object_id, correlation_id, prev_hash, hash)
       SELECT gen_random_uuid(), gen_random_uuid(), ($1::text[])[1 + (g - 1) % $3], now(), $4, 'invitation.listed', 'invitation', gen_random_uuid()::text, $4,
              md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text)
       FROM generate_series(1, $2) g ORDER BY g
       RETURNING id, district_id, seq)
     INSERT INTO ${SCRATCH}.audit_entry_seal (entry_id, district_id, leaf_index, signature)
       SELECT e.id, e.district_id, h.tree_size + row_number() OVER (PARTITION BY e.district_id ORDER BY e.seq) - 1, repeat('s', 86) || '=='
       FROM e JOIN ${SCRATCH}.audit_chain_head h USING (district_id);
     UPDATE ${SCRATCH}.audit_chain_head h SET
       tree_size = (SELECT max(s.leaf_index) + 1 FROM ${SCRATCH}.audit_entry_seal s WHERE s.district_id = h.district_id),
       last_seq = (SELECT max(e.seq) FROM ${SCRATCH}.audit_entry e WHERE e.district_id = h.district_id),
       last_hash = md5(random()::text) || md5(random()::text)
     WHERE h.district_id = ANY(($1::text[])[1:$2]);
     COMMIT`,
    [DISTRICT_IDS, batch, DISTRICT_IDS.length, MARKER],
  );
  const transactions = Math.max(1, Math.ceil(EVENTS / batch / CLIENTS));
  const r = pgbenchCeiling(DATABASE, sql, { clients: CLIENTS, transactions });
  return { ...r, rows: CLIENTS * transactions * batch, rowsPerS: Number((r.tps * batch).toFixed(1)) };
}

async function createScratch(): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${SCRATCH} CASCADE`);
  await db.query(`CREATE SCHEMA ${SCRATCH}`);
  for (const t of ['audit_entry', 'audit_entry_seal', 'audit_chain_head', 'processed_event']) await db.query(`CREATE TABLE ${SCRATCH}.${t} (LIKE public.${t} INCLUDING ALL)`);
  // Its own seq (LIKE copies the default, nextval of the real log's sequence, which must not move).
  await db.query(`ALTER TABLE ${SCRATCH}.audit_entry ALTER COLUMN seq DROP DEFAULT, ALTER COLUMN seq ADD GENERATED BY DEFAULT AS IDENTITY`);
}

async function main() {
  if (!Number.isInteger(EVENTS) || EVENTS < 1) throw new Error('--events must be a positive integer');
  if (!['invitation-accessed', 'staff-sign-in'].includes(EVENT)) throw new Error('--event must be invitation-accessed or staff-sign-in');
  const health = await fetch(`http://127.0.0.1:${env['AUDIT_PORT']}/health/ready`).catch(() => null);
  if (!health?.ok) throw new Error(`audit service (profile ${profile}, port ${env['AUDIT_PORT']}) is not ready: start the stack first`);
  await db.connect();
  const [{ id: logId }] = (await db.query<{ id: string }>(`SELECT id::text AS id FROM audit_log_instance`)).rows as [{ id: string }];
  const watcher = await checkpointWatcher(logId);
  // Connected before the clock starts: the rate is the log's, not the producer's start-up.
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    console.error(`publishing ${EVENTS} ${EVENT} events (actor ${MARKER}) to ${TOPIC}`);
    const t0 = Date.now();
    const entries = awaitEntries();
    entries.catch(() => undefined); // awaited below; a failed publish must not leave it unhandled
    await publish(producer);
    const sent = Date.now();
    const { first, last } = await entries;
    console.error(`${EVENTS} sent in ${sent - t0} ms, all in audit_entry after ${last - t0} ms; waiting for the checkpoint (interval ${CHECKPOINT_INTERVAL_S} s)`);

    const [stats] = (
      await db.query(
        `SELECT count(DISTINCT recorded_at)::int AS transactions,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM recorded_at - occurred_at) * 1000) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM recorded_at - occurred_at) * 1000) AS p95,
                max(extract(epoch FROM recorded_at - occurred_at) * 1000) AS max
           FROM audit_entry WHERE actor = $1`,
        [MARKER],
      )
    ).rows as [{ transactions: number; p50: number; p95: number; max: number }];
    const leaves = (
      await db.query<{ district_id: string; leaf: string }>(
        `SELECT e.district_id, max(s.leaf_index)::text AS leaf FROM audit_entry e JOIN audit_entry_seal s ON s.entry_id = e.id WHERE e.actor = $1 GROUP BY 1`,
        [MARKER],
      )
    ).rows.map((r) => ({ districtId: r.district_id, leaf: Number(r.leaf) }));
    if (leaves.length === 0) throw new Error('the entries have no seals');

    // Time to checkpoint: until every district's last entry is in a signed, stored and published tree head.
    const deadline = Date.now() + (CHECKPOINT_INTERVAL_S * 3 + 60) * 1000;
    let signedAt = NaN;
    let publishedAt = NaN;
    while (Number.isNaN(signedAt) || Number.isNaN(publishedAt)) {
      if (Date.now() > deadline) throw new Error(`no checkpoint covering the last entries within ${CHECKPOINT_INTERVAL_S * 3 + 60} s (stored: ${!Number.isNaN(signedAt)}, published: ${!Number.isNaN(publishedAt)})`);
      const { rows } = await db.query<{ at: Date | null }>(
        `SELECT (SELECT min(c.issued_at) FROM audit_checkpoint c WHERE c.district_id = t.d AND c.tree_size > t.l) AS at FROM unnest($1::text[], $2::bigint[]) AS t(d, l)`,
        [leaves.map((l) => l.districtId), leaves.map((l) => l.leaf)],
      );
      if (rows.every((r) => r.at)) signedAt = Math.max(...rows.map((r) => (r.at as Date).getTime()));
      const pub = Math.max(...leaves.map((l) => watcher.coveredAt(l.districtId, l.leaf)));
      if (Number.isFinite(pub)) publishedAt = pub;
      await sleep(50);
    }

    // The physical ceiling, in the same sitting, at the service's own transaction size.
    const batch = Math.max(1, Math.round(EVENTS / stats.transactions));
    await createScratch();
    let pg: ReturnType<typeof ceiling>;
    try {
      pg = ceiling(batch);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${SCRATCH} CASCADE`);
    }

    const serviceRate = perS(EVENTS, last - t0);
    const result = {
      profile,
      event: EVENT === 'staff-sign-in' ? 'StaffSignIn v1 (staff topic: audit is its only consumer)' : 'InvitationAccessed v1, list (invitation topic: also consumed by identity, statistics, responses)',
      events: EVENTS,
      districts: leaves.length,
      marker: MARKER,
      publish: { ms: sent - t0, eventsPerS: perS(EVENTS, sent - t0) },
      service: {
        'entries/s (first event sent → last entry committed)': serviceRate,
        'entries/s (first entry → last entry committed)': last > first ? perS(EVENTS, last - first) : null,
        ms: last - t0,
        transactions: stats.transactions,
        'entries per transaction': batch,
        'event → entry latency (occurred_at → recorded_at), ms': { p50: ms(Number(stats.p50)), p95: ms(Number(stats.p95)), max: ms(Number(stats.max)) },
      },
      timeToCheckpoint: {
        'AUDIT_CHECKPOINT_INTERVAL_SECONDS': CHECKPOINT_INTERVAL_S,
        'last entry → checkpoint signed and stored (audit_checkpoint.issued_at), ms': signedAt - last,
        'last entry → checkpoint published on Kafka (message timestamp), ms': publishedAt - last,
      },
      ceiling: {
        what: `pgbench, ${CLIENTS} clients, ${batch} entries per transaction: audit_entry + audit_entry_seal + processed_event rows, chain heads upserted, locked and updated (scratch tables LIKE the real ones)`,
        rows: pg.rows,
        'entries/s': pg.rowsPerS,
        tps: pg.tps,
        'transaction latency, ms': { p50: pg.p50, p95: pg.p95 },
      },
      'service / ceiling': Number((serviceRate / pg.rowsPerS).toFixed(3)),
      reference: { 'Trillian Tessera, writes/s (anchor)': TESSERA_WRITES_PER_S, 'service / Tessera': Number((serviceRate / TESSERA_WRITES_PER_S).toFixed(3)) },
    };
    console.error(
      [
        `audit service:   ${serviceRate} entries/s end to end (${EVENTS} events, ${batch} entries per transaction, latency p50 ${result.service['event → entry latency (occurred_at → recorded_at), ms'].p50} ms, p95 ${result.service['event → entry latency (occurred_at → recorded_at), ms'].p95} ms)`,
        `pgbench ceiling: ${pg.rowsPerS} entries/s (same rows, ${CLIENTS} clients)  → service / ceiling = ${result['service / ceiling']}`,
        `Tessera anchor:  ${TESSERA_WRITES_PER_S} writes/s  → service / Tessera = ${result.reference['service / Tessera']}`,
        `time to checkpoint: signed ${signedAt - last} ms, published ${publishedAt - last} ms after the last entry (AUDIT_CHECKPOINT_INTERVAL_SECONDS=${CHECKPOINT_INTERVAL_S})`,
      ].join('\n'),
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await producer.disconnect().catch(() => undefined);
    await watcher.stop();
    await db.end();
  }
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exit(1);
});
