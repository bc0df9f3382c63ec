import { createServer, type IncomingMessage, type Server } from 'node:http';
import { HTTP, type CloudEvent } from 'cloudevents';
import { waitFor } from './wait-for.js';

export interface ReceivedRequest {
  event: CloudEvent<unknown>;
  headers: Record<string, string>;
  receivedAt: number;
}

type Responder = (event: CloudEvent<unknown>, attempt: number) => number | Promise<number>;

/**
 * A real HTTP server that receives CloudEvents (any mode) and records them: a stand-in K_SINK to capture what a
 * service emits, or a subscriber for broker tests. By default it answers 202; `respondWith` changes that.
 */
export class EventSink {
  readonly received: ReceivedRequest[] = [];
  private server?: Server;
  private responder: Responder = () => 202;
  private readonly attempts = new Map<string, number>();
  url = '';

  static async start(): Promise<EventSink> {
    const sink = new EventSink();
    await sink.listen();
    return sink;
  }

  /** Answer each delivery with the status `fn` returns (attempt counts per event id, from 1). */
  respondWith(fn: Responder | number): void {
    this.responder = typeof fn === 'number' ? () => fn : fn;
  }

  ofType(type: string): CloudEvent<unknown>[] {
    return this.received.filter((r) => r.event.type === type).map((r) => r.event);
  }

  /** Waits until `count` events of `type` (default any) have arrived; returns them. */
  async waitForEvents(count: number, type?: string, timeoutMs?: number): Promise<CloudEvent<unknown>[]> {
    return waitFor(
      `${count} event(s)${type ? ` of type ${type}` : ''} at the sink (have ${type ? this.ofType(type).length : this.received.length})`,
      () => {
        const events = type ? this.ofType(type) : this.received.map((r) => r.event);
        return events.length >= count ? events : undefined;
      },
      { timeoutMs },
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private listen(): Promise<void> {
    const server = createServer(async (req, res) => {
      const body = await readBody(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      let event: CloudEvent<unknown>;
      try {
        event = HTTP.toEvent({ headers, body }) as CloudEvent<unknown>;
      } catch (err) {
        res.writeHead(400).end((err as Error).message);
        return;
      }
      const attempt = (this.attempts.get(event.id) ?? 0) + 1;
      this.attempts.set(event.id, attempt);
      const status = await this.responder(event, attempt);
      // Only accepted deliveries count as received; refused ones are what the sender must retry.
      if (status >= 200 && status < 300) this.received.push({ event, headers, receivedAt: Date.now() });
      res.writeHead(status).end();
    });
    this.server = server;
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        this.url = `http://127.0.0.1:${port}/`;
        resolve();
      }),
    );
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
