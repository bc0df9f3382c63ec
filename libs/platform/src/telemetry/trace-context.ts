import { context, propagation, trace, type Context } from '@opentelemetry/api';

/** W3C trace context as carried by the CloudEvents distributed-tracing extension. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** The current trace context, ready to be set as `traceparent`/`tracestate` on an outgoing event. */
export function currentTraceHeaders(ctx: Context = context.active()): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** A context continuing the trace an incoming event carries. */
export function contextFromTraceHeaders(headers: TraceHeaders, base: Context = context.active()): Context {
  const carrier: Record<string, string> = {};
  if (headers.traceparent) carrier.traceparent = headers.traceparent;
  if (headers.tracestate) carrier.tracestate = headers.tracestate;
  return propagation.extract(base, carrier);
}

/** Trace id of the active span, for log lines. */
export function activeTraceId(): string | undefined {
  const span = trace.getSpan(context.active());
  const id = span?.spanContext().traceId;
  return id && id !== '00000000000000000000000000000000' ? id : undefined;
}
