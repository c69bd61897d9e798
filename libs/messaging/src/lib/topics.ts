import { COMPACTED_TOPICS } from '@delaktig/contracts';
import type { Kafka } from 'kafkajs';

export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates the topics if they don't exist yet (idempotent) and waits for their leaders, so
 * that neither a producer nor a consumer depends on the broker's auto-creation (usually
 * off on managed clusters) or races a topic that has no leader yet.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], settings: TopicSettings): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          // Compacted topics (e.g. the audit checkpoints) keep the latest message per key.
          ...(COMPACTED_TOPICS.some((base) => topic.endsWith(base)) ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
