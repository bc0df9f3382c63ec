/**
 * Loaded with `node --import @cabs/platform/telemetry dist/main.js`, before the application's own modules, so that
 * OpenTelemetry can patch `http` and `pg` in an ES-module process.
 *
 * Only when there is a collector to send spans to. Without one the provider alone is enough — the chassis carries
 * each event's trace context into its handler and on to the events it emits, so a ride is one trace in the logs
 * all the same — and patching every module load cost a fresh service about a second of its start-up. With one,
 * the loader hook intercepts just the modules the instrumentations name (import-in-the-middle's include list).
 */
import { register } from 'node:module';
import { exportingSpans, startTelemetry } from './sdk.js';

const service = process.env.OTEL_SERVICE_NAME ?? process.env.CABS_SERVICE ?? 'cabs';

if (exportingSpans()) {
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = await import('@opentelemetry/instrumentation-pg');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  await startTelemetry(service, [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') }),
    new PgInstrumentation({ requireParentSpan: true }),
  ]);
  await waitForAllMessagesAcknowledged();
} else {
  await startTelemetry(service);
}
