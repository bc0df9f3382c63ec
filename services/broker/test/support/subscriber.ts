import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a subscriber received it. */
export interface Received {
  /** Arrival, in performance.now() milliseconds. */
  at: number;
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What to answer: a status with optional headers and body, or `hang` (never answer) / `reset` (drop the connection). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string | Buffer } | 'hang' | 'reset';
export type Behaviour = (request: Received, nth: number) => Answer | Promise<Answer>;

export interface TestSubscriber {
  url: string;
  received: Received[];
  /** Changes how the next requests are answered. */
  behave(behaviour: Behaviour): void;
  /** Resolves once `predicate` holds for what was received (checked on every arrival), or fails after `timeoutMs`. */
  until(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  /** Resolves with the first `n` requests once they arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export const accept: Behaviour = () => ({ status: 202 });

/** A real HTTP subscriber on a free port, recording every request. */
export async function startSubscriber(initial: Behaviour = accept): Promise<TestSubscriber> {
  let behaviour = initial;
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request: Received = {
        at: performance.now(),
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(request);
      for (const check of waiters) check();
      const answer = await behaviour(request, received.length);
      if (answer === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      if (answer === 'reset') return req.socket.destroy();
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const until = (predicate: (r: Received[]) => boolean, timeoutMs = 10_000) =>
    new Promise<Received[]>((resolve, reject) => {
      const check = () => {
        if (!predicate(received)) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(received);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `subscriber on port ${port}: condition not met within ${timeoutMs} ms; received ${received.length} requests`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    behave: (b) => (behaviour = b),
    until,
    waitFor: async (n, timeoutMs) => (await until((r) => r.length >= n, timeoutMs)).slice(0, n),
    close: () =>
      new Promise((resolve) => {
        for (const drop of hanging) drop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The CloudEvents attributes of a binary-mode request: every ce- header, and Content-Type as datacontenttype. */
export function attributesOf(request: Received): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('ce-') && typeof value === 'string') attributes[name.slice(3)] = value;
  }
  if (request.headers['content-type']) attributes.datacontenttype = request.headers['content-type'];
  return attributes;
}
