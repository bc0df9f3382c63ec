import Fastify, { type FastifyInstance } from 'fastify';
import { devstackEnv } from './environment.js';
import { Supervisor, UnknownProcess } from './supervisor.js';

export const controlPort = (offset = devstackEnv().CABS_PORT_OFFSET) =>
  devstackEnv().CABS_CONTROL_PORT ?? 3099 + offset;

/**
 * The supervisor's control API on localhost, used by `cabs status|stop|start` while `npm start` runs.
 * Localhost only: it can stop and start processes.
 */
export async function startControlServer(supervisor: Supervisor, port = controlPort()): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err instanceof UnknownProcess ? 404 : (err.statusCode ?? 500);
    void reply.status(status).send({ statusCode: status, message: err.message });
  });
  app.get('/processes', async () => supervisor.status());
  app.post<{ Params: { name: string } }>('/processes/:name/start', async (req) => {
    await supervisor.start(req.params.name);
    return supervisor.status().find((s) => s.name === req.params.name);
  });
  app.post<{ Params: { name: string }; Querystring: { kill?: string } }>('/processes/:name/stop', async (req) => {
    await supervisor.stop(req.params.name, { kill: req.query.kill === 'true' || req.query.kill === '1' });
    return supervisor.status().find((s) => s.name === req.params.name);
  });
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}
