import { startTelemetry } from '@delaktig/telemetry';

// Must run before NestJS, express, pg and kafkajs are loaded, so they get instrumented.
startTelemetry('audit');
