export * from './lib/db';
export * from './lib/sql';
export * from './lib/outbox';
export * from './lib/relay';
export * from './lib/idempotent';
export * from './lib/kafka';
export * from './lib/kafka-event.server';
export * from './lib/topics';
