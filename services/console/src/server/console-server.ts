import { existsSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Logger } from 'pino';
import { contracts } from '@cabs/contracts';
import { completeTracer, type CompleteTracer } from '@cabs/client';
import type { ConsoleSettings, StreamHello } from '../shared/console-api.js';
import { SERVICES, type ConsoleConfig } from './config.js';
import { HealthMonitor } from './health/health-monitor.js';
import { requireAccessToken } from './http/access-token.js';
import { UpstreamError } from './http/upstream.js';
import { ActivityRelay } from './mesh/activity-relay.js';
import { BrokerAdmin } from './mesh/broker-admin.js';
import { TraceFinder } from './mesh/trace-finder.js';
import { triggerServices } from './mesh/trigger-services.js';
import { seedDemoDataWhenReady } from './rides/demo-seeding.js';
import { RideDesk } from './rides/ride-desk.js';
import { RidesReader } from './rides/rides-reader.js';
import { deadLetterRoutes } from './routes/dead-letter-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { rideRoutes } from './routes/ride-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import { PageStreams } from './sse/page-streams.js';
import { WhileWatched } from './watch/while-watched.js';

/** How long the console keeps following the mesh after the last page closed. */
const LINGER_MS = 60_000;

export interface RunningConsole {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The console's server: its built page, and a thin backend for it — one connection to the broker's activity
 * stream fanned out to every page, service health pushed every interval (both while a page is open), rides, and
 * dead letters with redrive.
 */
export async function startConsole(
  config: ConsoleConfig,
  logger: Logger,
  tracer: CompleteTracer = completeTracer({}),
): Promise<RunningConsole> {
  const admin = new BrokerAdmin(config.brokerAdminUrl, config.meshToken);
  const relay = new ActivityRelay({ brokerAdminUrl: config.brokerAdminUrl, token: config.meshToken });
  const pages = new PageStreams();
  const health = new HealthMonitor(
    [
      { name: 'broker', url: `${config.brokerAdminUrl}/health/ready` },
      ...SERVICES.map((name) => ({ name, url: `${config.services[name]}/health/ready` })),
    ],
    config.healthPollMs,
  );
  const traces = config.tracingUiUrl ? new TraceFinder(admin, (trace) => pages.broadcast('trace', trace)) : undefined;
  const settings: ConsoleSettings = {
    tracingUiUrl: config.tracingUiUrl ?? null,
    triggerServices: {},
    eventKinds: eventKinds(),
  };

  relay.on('activity', (activity) => {
    pages.broadcast('activity', activity);
    traces?.lookUp(activity);
  });
  relay.on('link', (link) => {
    pages.broadcast('mesh', link);
    // (Re)connected: mesh-config may have changed with the broker's restart.
    if (link.connected) void learnTriggers();
  });
  health.on((snapshot) => pages.broadcast('health', snapshot));

  const learnTriggers = async () => {
    try {
      settings.triggerServices = triggerServices(await admin.triggerSubscribers(), config.services);
      pages.broadcast('settings', settings);
    } catch (err) {
      logger.warn(`could not read the broker's Triggers: ${(err as Error).message}`);
    }
  };
  const hello = (): StreamHello => ({
    settings,
    health: health.snapshot(),
    mesh: relay.link,
    recent: relay.recent(),
    traces: traces?.traces() ?? [],
  });

  // Requests are not logged: the page polls; errors are, by the handler below.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof UpstreamError)
      return reply
        .code(err.statusCode)
        .send({ statusCode: err.statusCode, error: errorName(err.statusCode), message: err.message });
    if (err.validation)
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `${request.url}: ${err.message}` });
    logger.error({ err }, `${request.method} ${request.url}: ${err.message}`);
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: err.message });
  });

  if (config.accessToken) requireAccessToken(app, config.accessToken);
  healthRoutes(app, config.webDir);
  streamRoutes(app, pages, hello);
  const reader = new RidesReader(config.services);
  rideRoutes(
    app,
    reader,
    new RideDesk(
      { services: config.services, brokerUrl: config.brokerUrl, meshToken: config.meshToken, tracer },
      reader,
    ),
  );
  deadLetterRoutes(app, admin, (trigger) => settings.triggerServices[trigger] ?? null);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `nothing at ${request.method} ${request.url}` }),
  );
  if (existsSync(config.webDir)) await app.register(fastifyStatic, { root: config.webDir });
  else
    app.get('/', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send(`The console's page is not built (${config.webDir}): npm run build -w services/console`),
    );

  const url = await app.listen({ host: config.host, port: config.port });
  const watching = new WhileWatched([{ start: () => relay.start(), stop: () => relay.close() }, health], LINGER_MS);
  pages.onCount((count) => watching.pages(count));
  const seeding = new AbortController();
  if (config.seedDemoData)
    void seedDemoDataWhenReady(config.services, logger, { pollMs: config.healthPollMs, signal: seeding.signal });
  logger.info(
    `console ready at ${url.replace('0.0.0.0', 'localhost')}: follows ${config.brokerAdminUrl}/stream while a page is open`,
  );
  return {
    url: url.replace('://0.0.0.0', '://127.0.0.1'),
    app,
    async close() {
      seeding.abort();
      await watching.stop();
      await app.close();
      // Spans not yet exported are lost if the tracing backend is gone; closing must not fail for that.
      await tracer.shutdown().catch(() => {});
    },
  };
}

/** What each type on the mesh is, so the page can tell commands from facts. */
function eventKinds(): ConsoleSettings['eventKinds'] {
  return Object.fromEntries(Object.values(contracts).map((c) => [c.type, c.kind]));
}

function errorName(status: number): string {
  return (
    { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict', 502: 'Bad Gateway' }[status] ??
    'Error'
  );
}
