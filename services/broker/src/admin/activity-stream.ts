import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActivityFeed } from '../observability/activity.js';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /stream`: mesh activity as Server-Sent Events, one `event: <kind>` with a JSON `data:` line each,
 * e.g. `event: delivery.retry-scheduled`. Comments keep proxies from closing an idle stream.
 */
export function streamActivity(request: FastifyRequest, reply: FastifyReply, activity: ActivityFeed): void {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'access-control-allow-origin': '*',
  });
  response.write(': cabs mesh activity\n\n');
  const unsubscribe = activity.subscribe((a) => response.write(`event: ${a.kind}\ndata: ${JSON.stringify(a)}\n\n`));
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  request.raw.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
}
