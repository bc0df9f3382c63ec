import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StreamMessages } from '../../shared/console-api.js';

const HEARTBEAT_MS = 15_000;

type Send = <K extends keyof StreamMessages>(event: K, data: StreamMessages[K]) => void;

/** The pages following `/api/stream`: each gets every message, as Server-Sent Events. */
export class PageStreams {
  private readonly pages = new Set<Send>();
  private readonly counted = new Set<(count: number) => void>();

  get count(): number {
    return this.pages.size;
  }

  /** Told how many pages follow, each time a page opens or leaves. */
  onCount(listener: (count: number) => void): void {
    this.counted.add(listener);
  }

  private counting(): void {
    for (const listener of this.counted) listener(this.pages.size);
  }

  /** Takes over the response; `hello` is written first, then everything broadcast until the page leaves. */
  open(request: FastifyRequest, reply: FastifyReply, hello: StreamMessages['hello']): void {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // Tells reverse proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    const send: Send = (event, data) => void response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('hello', hello);
    this.pages.add(send);
    this.counting();
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    request.raw.on('close', () => {
      this.pages.delete(send);
      clearInterval(heartbeat);
      this.counting();
    });
  }

  broadcast<K extends keyof StreamMessages>(event: K, data: StreamMessages[K]): void {
    for (const send of this.pages) send(event, data);
  }
}
