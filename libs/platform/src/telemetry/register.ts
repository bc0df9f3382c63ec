/**
 * Loaded with `node --import @cabs/platform/telemetry dist/main.js`, before the application's own modules, so that
 * OpenTelemetry can patch `http`, `undici` (fetch) and `pg` in an ES-module process.
 *
 * Spans are always created, so trace context flows from event to event across services; they are exported over
 * OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. to Jaeger in docker compose).
 */
import { register } from 'node:module';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const exporting = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
const spanProcessors: SpanProcessor[] = exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [];

const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME ?? process.env.CABS_SERVICE ?? 'cabs',
  spanProcessors,
  instrumentations: [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') }),
    new UndiciInstrumentation(),
    new PgInstrumentation({ requireParentSpan: true }),
  ],
});
sdk.start();

// The application flushes the SDK during its own graceful shutdown (see telemetry/shutdown.ts).
(globalThis as Record<symbol, unknown>)[Symbol.for('cabs.telemetry.sdk')] = sdk;
