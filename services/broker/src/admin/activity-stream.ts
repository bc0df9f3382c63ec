import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActivityFeed } from '../observability/activity.js';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /stream`: mesh activity as Server-Sent Events, one `event: <kind>` with a JSON `data:` line each,
 * e.g. `event: delivery.retry-scheduled`. Comments keep proxies from closing an idle stream.
 *
 * What happens in one turn of the event loop goes out in one write: a ride is some thirty happenings, and a socket
 * write each (a system call that on loopback also runs the follower's side) was the largest single cost of a broker
 * being watched.
 */
export function streamActivity(request: FastifyRequest, reply: FastifyReply, activity: ActivityFeed): void {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.write(': cabs mesh activity\n\n');
  let pending = '';
  const flush = () => {
    if (!response.destroyed) response.write(pending);
    pending = '';
  };
  const unsubscribe = activity.subscribe((a) => {
    if (!pending) setImmediate(flush);
    pending += `event: ${a.kind}\ndata: ${JSON.stringify(a)}\n\n`;
  });
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  request.raw.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
}
