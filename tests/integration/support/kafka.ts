import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_BROKERS, TOPIC_PREFIX } from './env';

export const kafka = new Kafka({ clientId: 'integration-tests', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });

/** Waits until every partition of the topic has been consumed and committed by the groups. */
export async function waitForConsumers(baseTopic: string, groups: string[], timeoutMs = 20_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const topic = `${TOPIC_PREFIX}${baseTopic}`;
  try {
    const started = Date.now();
    for (;;) {
      const ends = await admin.fetchTopicOffsets(topic);
      let behind = false;
      for (const group of groups) {
        const [committed] = await admin.fetchOffsets({ groupId: `${TOPIC_PREFIX}${group}`, topics: [topic] });
        for (const p of ends) {
          const c = committed?.partitions.find((x) => x.partition === p.partition);
          if (Number(c?.offset ?? -1) < Number(p.high) && Number(p.high) > 0) behind = true;
        }
      }
      if (!behind) return;
      if (Date.now() - started > timeoutMs) throw new Error(`consumers ${groups.join(', ')} still behind on ${topic}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until nothing is in flight: survey-delivery's outbox has published everything and
 * statistics and audit have consumed and committed it. Counts read after this are stable.
 */
export async function settle(timeoutMs = 30_000): Promise<void> {
  const { withDb, waitFor } = await import('./api');
  await waitFor(
    () => withDb('survey-delivery', async (db) => (await db.query('SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL')).rows[0].n === 0 || undefined),
    timeoutMs,
    'the outbox to be published',
  );
  await waitForConsumers('delaktig.survey-delivery.invitation.v1', ['statistics', 'audit'], timeoutMs);
}
