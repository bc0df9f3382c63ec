import { defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** One CompleteTransit on its way: the trace it starts, and how it ended. */
export interface TracedCommand {
  /** For the event's `traceparent` attribute: every hop of the ride continues this trace. */
  traceparent?: string;
  traceId?: string;
  end(outcome: { status?: number; error?: string }): void;
}

export interface CompleteTracer {
  begin(transitId: string, eventId: string): TracedCommand;
  shutdown(): Promise<void>;
}

/**
 * The root of a ride's trace: CompleteTransit sent by the console ("Complete" pressed) or the `cabs` CLI, one
 * producer span, so the whole ride can be found and linked at once. Only when traces are exported
 * (OTEL_EXPORTER_OTLP_ENDPOINT): a parent that no tracing UI ever receives would only leave a hole at the top of the
 * trace. `service` names the sender in the trace unless OTEL_SERVICE_NAME does.
 */
export function completeTracer(env: Record<string, string | undefined>, service = 'console'): CompleteTracer {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
    return { begin: () => ({ end: () => {} }), shutdown: async () => {} };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  const tracer = provider.getTracer('@cabs/client');
  const propagator = new W3CTraceContextPropagator();
  return {
    begin(transitId, eventId) {
      const span = tracer.startSpan(
        'send cabs.transit.complete-transit',
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'cloudevents.event_type': 'cabs.transit.complete-transit',
            'cloudevents.event_id': eventId,
            'cloudevents.event_subject': transitId,
          },
        },
        ROOT_CONTEXT,
      );
      const carrier: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
      return {
        traceparent: carrier.traceparent,
        traceId: span.spanContext().traceId,
        end({ status, error }) {
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          if (error || (status !== undefined && status >= 400))
            span.setStatus({ code: SpanStatusCode.ERROR, message: error ?? `HTTP ${status}` });
          span.end();
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
