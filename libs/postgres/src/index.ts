export * from './connection.js';
export * from './databases.js';
export * from './embedded-server.js';
export * from './migrate.js';
export * from './dev-server.js';
