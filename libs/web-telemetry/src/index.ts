export * from './lib/web-tracing';
