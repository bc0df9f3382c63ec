import type { Instrumentation } from '@opentelemetry/instrumentation';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Whether a collector is configured (the standard OTLP variables). */
export const exportingSpans = (): boolean =>
  Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);

/** Where the provider is kept for the graceful shutdown's final flush (telemetry/shutdown.ts). */
export const TELEMETRY_PROVIDER = Symbol.for('cabs.telemetry.provider');

/**
 * Starts OpenTelemetry tracing for this process: W3C trace context, the given instrumentations, and an OTLP/HTTP
 * exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. to Jaeger in docker compose), sampling as the standard
 * OTEL_TRACES_SAMPLER says (every trace by default). Without a collector nothing is recorded: spans are non-recording
 * but still carry the trace id from event to event, so a ride is one trace in the logs and in the events' traceparent
 * all the same, at a fraction of the cost. Traces only: metrics are Prometheus' (/metrics) and logs are pino's.
 */
export async function startTelemetry(
  serviceName: string,
  instrumentations: Instrumentation[] = [],
): Promise<NodeTracerProvider> {
  const exporting = exportingSpans();
  const spanProcessors: SpanProcessor[] = [];
  if (exporting) {
    // Loaded only when used: the exporter and its protocol code are a good part of the SDK's start-up time.
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    ...(exporting ? {} : { sampler: new AlwaysOffSampler() }),
    spanProcessors,
  });
  provider.register();
  if (instrumentations.length) {
    const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
    registerInstrumentations({ tracerProvider: provider, instrumentations });
  }
  (globalThis as Record<symbol, unknown>)[TELEMETRY_PROVIDER] = provider;
  return provider;
}
