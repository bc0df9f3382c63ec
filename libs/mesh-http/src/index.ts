export * from './bearer-token.js';
export * from './discard-body.js';
export * from './wake-signal.js';
