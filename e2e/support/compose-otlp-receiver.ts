import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  /** Empty for the root of a trace. */
  parentSpanId: string;
  name: string;
  attributes: Record<string, string | number | boolean>;
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  status: number;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value?: { stringValue?: string } }[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: { key: string; value?: OtlpValue }[];
        status?: { code?: number };
      }[];
    }[];
  }[];
}

/**
 * Stands in for Jaeger's OTLP/HTTP receiver (`POST /v1/traces`, JSON as the services' exporter sends it) and keeps
 * the spans, so a test can see which service reported which trace.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly problems: string[] = [];
  port = 0;
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (req.url !== '/v1/traces' || !String(req.headers['content-type']).startsWith('application/json')) {
        this.problems.push(`${req.method} ${req.url} (${req.headers['content-type']})`);
        res.writeHead(415).end();
        return;
      }
      this.record(JSON.parse(body.toString('utf8')) as OtlpJson);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  /** Every span of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  /** Trace ids that spans of every one of `services` belong to. */
  tracesSpanning(services: string[]): string[] {
    const byTrace = new Map<string, Set<string>>();
    for (const span of this.spans)
      byTrace.set(span.traceId, (byTrace.get(span.traceId) ?? new Set()).add(span.service));
    return [...byTrace].filter(([, seen]) => services.every((s) => seen.has(s))).map(([traceId]) => traceId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(body: OtlpJson) {
    for (const { resource, scopeSpans } of body.resourceSpans ?? []) {
      const service = resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ?? '(unnamed)';
      for (const { spans } of scopeSpans ?? []) {
        for (const span of spans ?? []) {
          const attributes = Object.fromEntries((span.attributes ?? []).map(({ key, value }) => [key, valueOf(value)]));
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            attributes,
            status: span.status?.code ?? 0,
          });
        }
      }
    }
  }
}

function valueOf(value: OtlpValue | undefined): string | number | boolean {
  if (value?.intValue !== undefined) return Number(value.intValue);
  return value?.stringValue ?? value?.doubleValue ?? value?.boolValue ?? '';
}
