import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Starts OpenTelemetry for this process. Spans are always created, so trace context flows from event to event
 * across services; they are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. to Jaeger
 * in docker compose).
 */
export function startTelemetry(serviceName: string, instrumentations: Instrumentation[] = []): NodeSDK {
  const exporting = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  // Without an exporter a no-op processor still makes the SDK register its tracer provider: spans get real trace
  // ids, so a chain that starts at a REST call (no incoming traceparent) is one trace across services all the same.
  const spanProcessors: SpanProcessor[] = [exporting ? new BatchSpanProcessor(new OTLPTraceExporter()) : new NoopSpanProcessor()];
  // Traces only: metrics are Prometheus' (/metrics) and logs are pino's. Left unset, the SDK would add OTLP metric and
  // log exporters from its defaults, and at shutdown keep retrying a collector that is not there for ~9 s — past the
  // grace period, so a SIGTERM ended in a SIGKILL.
  const sdk = new NodeSDK({ serviceName, spanProcessors, instrumentations, metricReaders: [], logRecordProcessors: [] });
  sdk.start();
  // The application flushes the SDK during its own graceful shutdown (see telemetry/shutdown.ts).
  (globalThis as Record<symbol, unknown>)[Symbol.for('cabs.telemetry.sdk')] = sdk;
  return sdk;
}
