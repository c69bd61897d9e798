export * from './lib/tokens';
export * from './lib/identity';
export * from './lib/migrate';
export * from './lib/health.controller';
export * from './lib/platform.module';
export * from './lib/bootstrap';
export * from './lib/prisma';
export * from './lib/http-logger';
