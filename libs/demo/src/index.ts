export * from './api-shapes.js';
export * from './http-json.js';
export * from './drivers.js';
export * from './ride-requests.js';
export * from './prepare-ride.js';
export * from './seed.js';
export * from './complete-through-mesh.js';
export * from './complete-tracer.js';
