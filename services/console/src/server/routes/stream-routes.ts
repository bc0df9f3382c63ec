import type { FastifyInstance } from 'fastify';
import type { StreamHello } from '../../shared/console-api.js';
import type { PageStreams } from '../sse/page-streams.js';

/** `GET /api/stream`: everything the page shows live, as Server-Sent Events (`hello` first). */
export function streamRoutes(app: FastifyInstance, pages: PageStreams, hello: () => StreamHello): void {
  app.get('/api/stream', (request, reply) => pages.open(request, reply, hello()));
}
