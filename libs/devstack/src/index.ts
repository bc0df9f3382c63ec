export * from './system.js';
export * from './supervisor.js';
export * from './provision.js';
export * from './control-server.js';
export * from './rides.js';
export * from './seed.js';
export * from './http-json.js';
