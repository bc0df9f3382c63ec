export * from './system.js';
export * from './supervisor.js';
export * from './provision.js';
export * from './control-server.js';
export * from './free-ports.js';
