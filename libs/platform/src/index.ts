export * from './bootstrap.js';
export * from './config.js';
export * from './database/database.js';
export * from './database/migrations.js';
export * from './platform.module.js';
export * from './platform-options.js';
export * from './telemetry/trace-context.js';
export { MetricsController } from './metrics/metrics.js';
export { startTelemetry } from './telemetry/sdk.js';
