import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders } from 'node:http';
import type { MeshEvent } from '@cabs/cloudevents';
import type { MeshTrigger } from '../config/mesh.js';
import type { AttemptResult } from '../dispatch/http-post.js';

/** One span on its way: ends once the event is stored, or once an attempt has its answer. */
export interface TracedStep<Outcome> {
  end(outcome: Outcome): void;
}

/**
 * The broker's spans, as Knative's Broker names them (`broker:<name>.<namespace>` where an event enters,
 * `trigger:<name>.<namespace>` for each attempt to deliver it), so a ride's trace has no gap where the mesh is and
 * every retry shows as a span of its own.
 *
 * The CloudEvents `traceparent` extension is never changed: it carries the trace the event belongs to, and
 * subscribers see it as it was sent (the distributed-tracing extension; Knative's Broker spec). The W3C
 * `traceparent` HTTP header is per hop: an attempt sends its own span there, so the subscriber's HTTP span is the
 * attempt's child.
 */
export interface BrokerTracing {
  /** An event entering through the ingress: a child of the sender's `traceparent` header, else of the event's extension. */
  received(
    namespace: string,
    broker: string,
    event: MeshEvent,
    headers: IncomingHttpHeaders,
  ): TracedStep<{ error?: string }>;
  /** One attempt to deliver `event` (to the subscriber, or to the dead-letter sink): sets the hop's trace headers. */
  delivering(
    trigger: MeshTrigger,
    attempt: number,
    event: MeshEvent,
    url: string,
    headers: Record<string, string>,
  ): TracedStep<AttemptResult>;
  /** Exports what is still buffered. */
  shutdown(): Promise<void>;
}

const ended: TracedStep<never> = { end: () => {} };

/**
 * No collector, no spans: a span that no tracing UI ever receives would only leave a hole in the trace. The event's
 * own trace context still travels on as the W3C header, so the subscriber continues the sender's trace.
 */
export const NO_TRACING: BrokerTracing = {
  received: () => ended,
  delivering(_trigger, _attempt, event, _url, headers) {
    if (event.attributes.traceparent) headers.traceparent = event.attributes.traceparent;
    if (event.attributes.tracestate) headers.tracestate = event.attributes.tracestate;
    return ended;
  },
  shutdown: async () => {},
};

/**
 * Spans exported over OTLP/HTTP when a collector is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, the exporter's own variables); `NO_TRACING` otherwise. Tests pass their
 * own span processor. Sampling follows the parent's flag, so an unsampled trace costs a span context and nothing more.
 */
export function brokerTracing(env: Record<string, string | undefined>, processor?: SpanProcessor): BrokerTracing {
  if (!processor && !env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return NO_TRACING;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'broker' }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return new ExportedTracing(provider.getTracer('@cabs/broker'), () => provider.shutdown());
}

class ExportedTracing implements BrokerTracing {
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(
    private readonly tracer: Tracer,
    readonly shutdown: () => Promise<void>,
  ) {}

  received(
    namespace: string,
    broker: string,
    event: MeshEvent,
    headers: IncomingHttpHeaders,
  ): TracedStep<{ error?: string }> {
    const header = typeof headers.traceparent === 'string' ? headers : undefined;
    const parent = this.parent(
      header
        ? { traceparent: header.traceparent as string, tracestate: header.tracestate as string | undefined }
        : event.attributes,
    );
    const span = this.tracer.startSpan(`broker:${broker}.${namespace}`, { kind: SpanKind.SERVER }, parent);
    if (span.isRecording())
      span.setAttributes({
        ...messaging(event, `broker:${broker}.${namespace}`),
        'messaging.operation.type': 'receive',
      });
    return {
      end({ error }) {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
        span.end();
      },
    };
  }

  delivering(
    trigger: MeshTrigger,
    attempt: number,
    event: MeshEvent,
    url: string,
    headers: Record<string, string>,
  ): TracedStep<AttemptResult> {
    const destination = `trigger:${trigger.name}.${trigger.namespace}`;
    const span = this.tracer.startSpan(destination, { kind: SpanKind.CLIENT }, this.parent(event.attributes));
    if (span.isRecording()) {
      span.setAttributes({
        ...messaging(event, destination),
        'messaging.operation.type': 'process',
        'url.full': url,
        'cabs.delivery.attempt': attempt,
        'cabs.delivery.max_attempts': trigger.delivery.retry + 1,
      });
    }
    this.propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
    return { end: (result) => endAttempt(span, result) };
  }

  /** The context a span continues: the trace the headers (or attributes) name, or a new one. */
  private parent(carrier: { traceparent?: string; tracestate?: string }) {
    return carrier.traceparent ? this.propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter) : ROOT_CONTEXT;
  }
}

/** OpenTelemetry's messaging attributes as Knative's Broker spec asks for them, and the CloudEvents ones. */
function messaging(event: MeshEvent, destination: string) {
  const { id, type, source, subject } = event.attributes;
  return {
    'messaging.system': 'knative',
    'messaging.destination.name': destination,
    'messaging.message.id': id,
    'cloudevents.event_id': id,
    'cloudevents.event_type': type,
    'cloudevents.event_source': source,
    ...(subject ? { 'cloudevents.event_subject': subject } : {}),
  };
}

function endAttempt(span: Span, result: AttemptResult): void {
  if (result.kind === 'failure') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: result.error });
  } else {
    span.setAttribute('http.response.status_code', result.status);
    if (result.status < 200 || result.status > 299)
      span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${result.status}` });
  }
  span.end();
}
