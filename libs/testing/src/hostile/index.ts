export * from './hostile-request.js';
export * from './hostile-values.js';
export * from './json-mutations.js';
export * from './raw-bodies.js';
export * from './cloud-event-attacks.js';
export * from './rest-attacks.js';
