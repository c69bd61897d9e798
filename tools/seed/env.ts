import { readProfileEnv } from '../../tests/support/staff-sign-in';

/**
 * Where the seed works: the profile's stack (infra/env/<profile>.env, as infra/services.sh
 * reads it). DELAKTIG_PROFILE selects it (dev by default, or test); GATEWAY_URL overrides the
 * public entry (dev http://127.0.0.1:3000, test http://127.0.0.1:4000).
 */
export interface SeedEnv {
  profile: string;
  gateway: string;
  smsSimulator: string;
  maildev: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  topicPartitions: number;
  replicationFactor: number;
  /** The profile's statistics database (delaktig_statistics, delaktig_statistics_test). */
  statisticsDb: string;
}

export function seedEnv(): SeedEnv {
  const profile = process.env['DELAKTIG_PROFILE'] || 'dev';
  const env = readProfileEnv(profile);
  const pg = `postgresql://${process.env['PGUSER'] || 'postgres'}@${process.env['PGHOST'] || '127.0.0.1'}:${process.env['PGPORT'] || '5432'}`;
  return {
    profile,
    gateway: (process.env['GATEWAY_URL'] || `http://127.0.0.1:${env['GATEWAY_PORT'] || '3000'}`).replace(/\/+$/, ''),
    smsSimulator: `http://127.0.0.1:${env['SMS_SIM_PORT'] || '3250'}`,
    maildev: `http://127.0.0.1:${env['MAILDEV_WEB_PORT'] || '3252'}`,
    kafkaBrokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    topicPrefix: env['KAFKA_TOPIC_PREFIX'] ?? '',
    topicPartitions: Number(env['KAFKA_TOPIC_PARTITIONS'] || 6),
    replicationFactor: Number(env['KAFKA_REPLICATION_FACTOR'] || 1),
    statisticsDb: `${pg}/delaktig_statistics${env['DB_SUFFIX'] ?? ''}`,
  };
}
