import { NestFactory } from '@nestjs/core';
import { exitOnConfigError } from '@cabs/contracts';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { PLATFORM_ENV, type PlatformEnv } from './config.js';
import { closeConnectionsWhenClosing } from './http/closing-connections.js';
import { useStrictJsonBodies } from './http/json-body.js';
import { refuseOversizedBodiesGracefully } from './http/oversized-bodies.js';
import { setupOpenApi } from './http/openapi.js';
import { PLATFORM_OPTIONS, type PlatformOptions } from './platform-options.js';

/** The largest request body a service accepts, as the broker's ingress does (services/broker/README.md: 1 MiB). */
export const BODY_LIMIT = 1024 * 1024;

/**
 * Creates a service's Nest application on Fastify with the platform's defaults, without listening.
 * Tests use it directly; `bootstrapService` adds `listen`.
 */
export async function createServiceApp(appModule: unknown): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    appModule as never,
    // Not 503 while closing: from SIGTERM until the server stops listening the service is still whole (its
    // database and relay close after the server), so requests are served, not refused — riders never see a 5xx
    // from a restart, and deliveries need no retry.
    new FastifyAdapter({ bodyLimit: BODY_LIMIT, return503OnClosing: false }),
    // abortOnError false: a failing provider rejects here with its error instead of aborting the process. Without
    // autoFlushLogs, that failure is not also printed by Nest, stack and all, before bootstrapService says what is
    // wrong; the logs of a successful start are flushed below, to the service's own logger.
    { bufferLogs: true, abortOnError: false, autoFlushLogs: false },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  useStrictJsonBodies(app);
  closeConnectionsWhenClosing(app.getHttpAdapter().getInstance());
  refuseOversizedBodiesGracefully(app.getHttpAdapter().getInstance(), BODY_LIMIT);
  setupOpenApi(app, app.get<PlatformOptions>(PLATFORM_OPTIONS));
  app.enableShutdownHooks();
  return app;
}

/**
 * `main.ts` of every service: `await bootstrapService(AppModule)`. A wrong environment ends the process at once, with
 * exit code 1 and each problem on stderr, naming its variable (`exitOnConfigError`).
 */
export async function bootstrapService(appModule: unknown): Promise<NestFastifyApplication> {
  const app = await createServiceApp(appModule).catch(exitOnConfigError);
  const env = app.get<PlatformEnv>(PLATFORM_ENV);
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  return app;
}
