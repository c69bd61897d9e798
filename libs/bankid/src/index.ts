export * from './qr';
export * from './personal-number';
export * from './types';
export * from './errors';
export * from './client';
export * from './messages';
export * from './simulator';
