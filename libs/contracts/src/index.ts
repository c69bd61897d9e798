export * from './lib/districts';
export * from './lib/envelope';
export * from './lib/events';
export * from './lib/topics';
export * from './lib/asyncapi';
export * from './lib/http';
export * from './lib/questionnaire';
