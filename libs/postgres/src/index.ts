export * from './connection.js';
export * from './databases.js';
export * from './migrate.js';
export * from './workspace-root.js';
