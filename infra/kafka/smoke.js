#!/usr/bin/env node
// kafkajs 2.2.4 round trip against the local broker: admin (create topic, metadata,
// group offsets), idempotent producer, consumer group. Exits 0 on success.
// Usage: node infra/kafka/smoke.js [host:port]   (also run by `infra/kafka.sh status --deep`)
'use strict';
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, logLevel } = require('kafkajs');

const broker = process.argv[2] || process.env.KAFKA_BROKERS || '127.0.0.1:9092';
const topic = 'test.delaktig.infra-smoke.v1';
const groupId = 'test.infra-smoke';
const N = 200;
const runId = `${process.pid}-${Date.now()}`;
const t0 = Date.now();
const ms = () => `${Date.now() - t0}ms`;

const kafka = new Kafka({
  clientId: 'delaktig-infra-smoke',
  brokers: broker.split(','),
  // The first run after formatting logs benign, retried errors while __consumer_offsets
  // and __transaction_state are created; failures still surface through main().catch.
  logLevel: process.env.SMOKE_DEBUG ? logLevel.DEBUG : logLevel.NOTHING,
  retry: { initialRetryTime: 100 },
});

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = meta.topics[0].partitions.length;
  console.log(`[${ms()}] admin: topic ${topic} ${created ? 'created' : 'exists'}, ${partitions} partitions`);

  const seen = new Set();
  let resolveAll;
  const all = new Promise((r) => (resolveAll = r));
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 10000, heartbeatInterval: 1000 });
  let joined;
  const joinedP = new Promise((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, (e) => joined(e));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const v = JSON.parse(message.value.toString());
      if (v.runId !== runId) return;
      seen.add(`${v.i}`);
      if (message.headers.traceparent?.toString() !== v.traceparent) throw new Error('header mismatch');
      if (seen.size === N) resolveAll();
    },
  });
  const join = await joinedP;
  console.log(`[${ms()}] consumer: joined group ${groupId} (member of ${Object.keys(join.payload.memberAssignment).length} topic)`);

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const messages = Array.from({ length: N }, (_, i) => {
    const traceparent = `00-${runId.replace(/\D/g, '').padEnd(32, '0').slice(0, 32)}-${String(i).padStart(16, '0')}-01`;
    return { key: `entity-${i % 17}`, value: JSON.stringify({ runId, i, traceparent }), headers: { traceparent } };
  });
  const res = await producer.send({ topic, acks: -1, messages });
  console.log(`[${ms()}] producer (idempotent, acks=all): sent ${N} messages, ${res.length} partitions acked`);

  const timeout = setTimeout(() => { console.error(`timeout: consumed ${seen.size}/${N}`); process.exit(1); }, 20000);
  await all;
  clearTimeout(timeout);
  console.log(`[${ms()}] consumer: received all ${N} messages`);

  await consumer.disconnect(); // commits offsets
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = offsets[0].partitions.filter((p) => Number(p.offset) >= 0).length;
  console.log(`[${ms()}] admin: group ${groupId} has committed offsets on ${committed}/${partitions} partitions`);
  await producer.disconnect();
  await admin.disconnect();
  console.log(`kafkajs smoke test OK against ${broker} in ${ms()}`);
}

main().catch((e) => {
  console.error('kafkajs smoke test FAILED:', e);
  process.exit(1);
});
