export * from './lib/otel';
export * from './lib/logger';
