import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Starts OpenTelemetry for this process. Spans are always created, so trace context flows from event to event
 * across services; they are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. to Jaeger
 * in docker compose).
 */
export function startTelemetry(serviceName: string, instrumentations: Instrumentation[] = []): NodeSDK {
  const exporting = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const spanProcessors: SpanProcessor[] = exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [];
  const sdk = new NodeSDK({ serviceName, spanProcessors, instrumentations });
  sdk.start();
  // The application flushes the SDK during its own graceful shutdown (see telemetry/shutdown.ts).
  (globalThis as Record<symbol, unknown>)[Symbol.for('cabs.telemetry.sdk')] = sdk;
  return sdk;
}
