export * from './simulator';
export { SimulatorError, DEFAULT_TIMINGS } from './state';
export type { BankIdSimulatorOrderSummary, BankIdSimulatorTimings, OrderType } from './state';
export * from './test-persons';
