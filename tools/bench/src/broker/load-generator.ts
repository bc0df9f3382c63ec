import http from 'node:http';

/** One request of a load run: what to send, and what to remember about it. */
export interface LoadRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  sent: number;
  /** 2xx answers. */
  ok: number;
  failed: number;
  durationMs: number;
  /** Milliseconds per successful request. */
  latencies: number[];
}

/**
 * A bounded closed-loop client: `concurrency` workers, each sending its next request as soon as the
 * previous one is answered, for `durationMs`. Keep-alive, like a service's HTTP client.
 */
export async function runLoad(options: {
  url: string;
  concurrency: number;
  durationMs: number;
  request: () => LoadRequest;
  onAccepted?: (request: LoadRequest, sentAt: number, answeredAt: number) => void;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, durationMs: 0, latencies: [] };
  const started = performance.now();
  const deadline = started + options.durationMs;

  const worker = async () => {
    while (performance.now() < deadline) {
      const request = options.request();
      const sentAt = performance.now();
      result.sent++;
      const status = await post(agent, target, request).catch(() => 0);
      const answeredAt = performance.now();
      if (status >= 200 && status < 300) {
        result.ok++;
        result.latencies.push(answeredAt - sentAt);
        options.onAccepted?.(request, sentAt, answeredAt);
      } else {
        result.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.durationMs = performance.now() - started;
  agent.destroy();
  return result;
}

function post(agent: http.Agent, url: URL, request: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...request.headers, 'content-length': String(request.body.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
