import { Icon } from './icons.js';

/** Opens the trace in the tracing UI (e.g. Jaeger), when one is configured and the trace is known. */
export function TraceLink({
  tracingUiUrl,
  traceId,
  label = 'trace',
}: {
  tracingUiUrl: string | null;
  traceId: string | undefined;
  label?: string;
}) {
  if (!tracingUiUrl || !traceId) return null;
  return (
    <a
      class="trace-link"
      href={`${tracingUiUrl}/trace/${traceId}`}
      target="_blank"
      rel="noreferrer"
      title={`Trace ${traceId}`}
    >
      {label}
      <Icon name="external" />
    </a>
  );
}
