import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A trivial subscriber: answers 202 at once and notes when each event id arrived. */
export interface CountingSubscriber {
  url: string;
  count(): number;
  arrivals: Map<string, number>;
  /** Resolves when `n` deliveries have arrived. */
  reached(n: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCountingSubscriber(): Promise<CountingSubscriber> {
  let count = 0;
  const arrivals = new Map<string, number>();
  let waiter: { n: number; resolve: () => void } | undefined;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      const id = req.headers['ce-id'];
      if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, performance.now());
      res.writeHead(202).end();
      if (waiter && count >= waiter.n) waiter.resolve();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => count,
    arrivals,
    reached: (n, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (count >= n) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${count} of ${n} deliveries within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
