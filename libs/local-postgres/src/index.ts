export * from './embedded-server.js';
export * from './dev-server.js';
export * from './free-port.js';
