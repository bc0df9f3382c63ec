/**
 * Loaded with `node --import @cabs/platform/telemetry dist/main.js`, before the application's own modules, so that
 * OpenTelemetry can patch `http`, `undici` (fetch) and `pg` in an ES-module process.
 */
import { register } from 'node:module';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { startTelemetry } from './sdk.js';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

startTelemetry(process.env.OTEL_SERVICE_NAME ?? process.env.CABS_SERVICE ?? 'cabs', [
  new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') }),
  new UndiciInstrumentation(),
  new PgInstrumentation({ requireParentSpan: true }),
]);
