export * from './lib/config';
export * from './lib/settings';
export * from './lib/doc';
export * from './lib/production';
