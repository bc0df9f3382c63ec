import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The console's own probes. Ready once its page is built: what it shows about the mesh (broker or services
 * down) is the point of the screen, not a reason to take the screen away.
 */
export function healthRoutes(app: FastifyInstance, webDir: string): void {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const built = await access(join(webDir, 'index.html')).then(
      () => true,
      () => false,
    );
    if (built) return { status: 'ok' };
    return reply.code(503).send({
      status: 'unavailable',
      problem: `the page is not built in ${webDir}: npm run build -w services/console`,
    });
  });
}
