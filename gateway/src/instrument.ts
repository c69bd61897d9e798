import { startTelemetry } from '@delaktig/telemetry';

// Must run before NestJS and express are loaded, so they get instrumented.
startTelemetry('gateway');
