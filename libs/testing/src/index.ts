export * from './test-postgres.js';
export * from './wait-for.js';
export * from './event-sink.js';
export * from './send-event.js';
export * from './service-app.js';
export * from './service-under-test.js';
export * from './hostile/index.js';
export * from './slow-upload.js';
