import http from 'node:http';
import https from 'node:https';

/** What one HTTP attempt produced: a response (body possibly cut at the limit) or a transport failure. */
export type AttemptResult =
  | {
      kind: 'response';
      status: number;
      headers: http.IncomingHttpHeaders;
      body: Buffer;
      truncated: boolean;
      durationMs: number;
    }
  | { kind: 'failure'; error: string; timedOut: boolean; durationMs: number };

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** Bodies beyond this are cut; a reply event can be no larger than an ingress event. */
  maxBodyBytes: number;
}

// Keep-alive: a dispatcher talks to a handful of subscribers all day long.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** POSTs bytes, never throws: every outcome, timeouts included, comes back as an AttemptResult. */
export function postBytes(url: string, body: Buffer | undefined, options: PostOptions): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ kind: 'failure', error: `invalid URL ${url}`, timedOut: false, durationMs: 0 });
      return;
    }
    const signal = AbortSignal.timeout(options.timeoutMs);
    const transport = target.protocol === 'https:' ? https : http;
    const fail = (err: Error) => {
      const timedOut = signal.aborted;
      resolve({
        kind: 'failure',
        error: timedOut ? `no answer within ${options.timeoutMs} ms` : describe(err),
        timedOut,
        durationMs: elapsed(),
      });
    };
    const request = transport.request(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol as 'http:' | 'https:'],
        headers: { ...options.headers, 'content-length': String(body?.length ?? 0) },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const done = () =>
          resolve({
            kind: 'response',
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
            truncated,
            durationMs: elapsed(),
          });
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = options.maxBodyBytes - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (chunk.length > room) {
            truncated = true;
            response.destroy();
            done();
          }
        });
        response.on('end', done);
        response.on('error', (err) => (truncated ? undefined : fail(err)));
      },
    );
    request.on('error', fail);
    request.end(body);
  });
}

/** `connect ECONNREFUSED 127.0.0.1:3004` → `connection refused (ECONNREFUSED)`. */
function describe(err: Error & { code?: string }): string {
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ETIMEDOUT: 'connection timed out',
    EPIPE: 'connection closed while sending',
  };
  if (err.code && known[err.code]) return `${known[err.code]} (${err.code})`;
  return err.code ? `${err.message} (${err.code})` : err.message;
}
