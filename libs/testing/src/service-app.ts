import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createServiceApp } from '@cabs/platform';

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  /**
   * supertest on the app's own HTTP server: how a test calls one service's REST API (`svc.http.get('/fees/…')`).
   * Events reach it as the mesh sends them instead, with `sendEvent(svc.url, …)`.
   */
  http: request.Agent;
  close(): Promise<void>;
}

/**
 * Starts a service's real Nest application in this process on a free port, with `env` laid over the process
 * environment while it is created (the platform reads its configuration then).
 */
export async function startServiceApp(
  appModule: unknown,
  env: Record<string, string | undefined>,
): Promise<RunningService> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, { PORT: '0', LOG_LEVEL: 'warn', ...env });
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  let app: NestFastifyApplication;
  try {
    app = await createServiceApp(appModule);
    await app.listen({ port: 0, host: '127.0.0.1' });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, http: request(app.getHttpServer()), close: () => app.close() };
}
