import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';

/** How to reach a secured cluster: TLS and SASL, from the KAFKA_SSL* and KAFKA_SASL_* settings. */
export interface KafkaSecurity {
  ssl?: boolean;
  sslCaFile?: string;
  saslMechanism?: 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';
  saslUsername?: string;
  saslPassword?: string;
}

/** The kafkajs `ssl`/`sasl` options for the given settings; throws a readable error when they do not fit together. */
export function kafkaSecurityOptions(sec: KafkaSecurity, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const out: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (sec.ssl) out.ssl = sec.sslCaFile ? { ca: [readFile(sec.sslCaFile)] } : true;
  else if (sec.sslCaFile) throw new Error('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
  const mechanism = sec.saslMechanism ?? 'none';
  if (mechanism !== 'none') {
    if (!sec.saslUsername || !sec.saslPassword) throw new Error(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`);
    if (mechanism === 'plain' && !sec.ssl) throw new Error('KAFKA_SASL_MECHANISM=plain sends the password in clear text: set KAFKA_SSL=true');
    out.sasl = { mechanism, username: sec.saslUsername, password: sec.saslPassword } as SASLOptions;
  }
  return out;
}

/** A kafkajs client whose own log lines go, as JSON, through our logger. */
export function createKafka(opts: { clientId: string; brokers: string[]; logger: Logger; security?: KafkaSecurity }): Kafka {
  const log = opts.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    ...kafkaSecurityOptions(opts.security ?? {}),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        const fields = { broker: rest['broker'], error: rest['error'], groupId: rest['groupId'] };
        if (level <= logLevel.ERROR) log.error(fields, message);
        else if (level === logLevel.WARN) log.warn(fields, message);
        else log.debug(fields, message);
      },
  });
}
