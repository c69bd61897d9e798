export * from './lib/errors';
export * from './lib/zod';
export * from './lib/problem.filter';
export * from './lib/json-body';
