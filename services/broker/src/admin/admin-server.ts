import Fastify, { type FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Logger } from 'pino';
import { bearerTokenMatches } from '@cabs/mesh-http';
import type { Mesh, MeshTrigger } from '../config/mesh.js';
import { retrySchedule } from '../dispatch/backoff.js';
import type { ActivityFeed } from '../observability/activity.js';
import type { BrokerMetrics } from '../observability/metrics.js';
import type { AdminQueries } from '../store/admin-queries.js';
import type { DeliveryQueue, DeliveryState } from '../store/delivery-queue.js';
import { streamActivity } from './activity-stream.js';

export interface AdminDeps {
  mesh: Mesh;
  queries: AdminQueries;
  queue: DeliveryQueue;
  activity: ActivityFeed;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Readiness: the database answers and every migration is applied. */
  ready: () => Promise<{ ready: boolean; problem?: string }>;
  /** Redriven deliveries are due now: tell the dispatcher. */
  onRedrive: () => void;
  token?: string;
}

const Limit = Type.Integer({ minimum: 1, maximum: 1000, default: 50 });
const State = Type.Unsafe<DeliveryState>({ type: 'string', enum: ['pending', 'retrying', 'delivered', 'dead'] });
const DeliveriesQuery = Type.Object(
  {
    state: Type.Optional(State),
    trigger: Type.Optional(Type.String()),
    type: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()),
    dataschema: Type.Optional(Type.String()),
    limit: Limit,
  },
  { additionalProperties: false },
);
const EventsQuery = Type.Object(
  {
    type: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()),
    dataschema: Type.Optional(Type.String()),
    limit: Limit,
  },
  { additionalProperties: false },
);
const DrainQuery = Type.Object(
  { type: Type.Optional(Type.String()), dataschema: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
const DeliveryId = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
const TriggerName = Type.Object({ name: Type.String() });
/** Answered without the token: liveness, readiness, Prometheus metrics (counts, no events) and the endpoint list. */
const OPEN_ROUTES = new Set(['/', '/health/live', '/health/ready', '/metrics']);

/**
 * The broker's admin API on its own port (JSON): what the Triggers are, what is pending, retrying and
 * dead, redrive, a live stream of mesh activity, health and Prometheus metrics.
 */
export function createAdminServer(deps: AdminDeps): FastifyInstance {
  // Closing must not wait for stream followers to hang up; a misspelt query parameter is an error, not ignored.
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false } },
  });
  const { mesh, queries, queue } = deps;
  const configured = mesh.triggers.map((t) => t.name);

  // The admin API shows events (payloads with riders' names) and can redrive them: with a token configured, every
  // read and change needs it, like the ingress. Only what probes and Prometheus ask stays open. No CORS headers: the
  // console's page reads the mesh through its own server, so no browser needs to call this port directly.
  app.addHook('onRequest', async (request, reply) => {
    if (
      !deps.token ||
      OPEN_ROUTES.has(request.routeOptions.url ?? '') ||
      bearerTokenMatches(request.headers.authorization, deps.token)
    )
      return;
    return reply.code(401).send({
      statusCode: 401,
      error: 'Unauthorized',
      message: "the broker's admin API requires Authorization: Bearer <MESH_TOKEN>",
    });
  });

  const triggerView = (t: MeshTrigger) => ({
    name: t.name,
    namespace: t.namespace,
    broker: t.broker,
    ...t.filter,
    subscriber: { url: t.subscriber.url, ...t.subscriber.destination },
    delivery: {
      retry: t.delivery.retry,
      backoffPolicy: t.delivery.backoffPolicy,
      backoffDelayMs: t.delivery.backoffDelayMs,
      timeoutMs: t.delivery.timeoutMs,
      retryDelaysMs: retrySchedule(t.delivery),
      deadLetterSink: t.deadLetterSink
        ? { url: t.deadLetterSink.url, ...t.deadLetterSink.destination }
        : 'local dead-letter store',
    },
  });

  const withTrigger = <D extends { trigger: string }>(d: D) => {
    const t = mesh.trigger(d.trigger);
    return { ...d, maxAttempts: t ? t.delivery.retry + 1 : null, subscriber: t?.subscriber.url ?? null };
  };

  app.get('/', async () => ({
    service: 'cabs local broker (Knative Eventing compatible)',
    ingress: mesh.brokers.map((b) => `POST /${b.namespace}/${b.name} on the ingress port`),
    endpoints: [
      'GET /triggers',
      'GET /events?type=&subject=&dataschema=&limit=',
      'GET /deliveries?state=pending|retrying|delivered|dead&trigger=&type=&subject=&dataschema=&limit=',
      'GET /deliveries/:id',
      'GET /drain?type=&dataschema=',
      'POST /deliveries/:id/redrive',
      'POST /triggers/:name/redrive',
      'POST /redrive',
      'GET /stream (Server-Sent Events)',
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
    ],
  }));

  app.get('/triggers', async () => {
    const backlog = await queries.backlog();
    return mesh.triggers.map((t) => {
      const count = (state: string) => backlog.find((b) => b.trigger === t.name && b.state === state)?.count ?? 0;
      return {
        ...triggerView(t),
        backlog: { pending: count('pending'), retrying: count('retrying'), dead: count('dead') },
      };
    });
  });

  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/events',
    { schema: { querystring: EventsQuery } },
    async (request) => queries.events(request.query),
  );

  app.get<{ Querystring: Static<typeof DeliveriesQuery> }>(
    '/deliveries',
    { schema: { querystring: DeliveriesQuery } },
    async (request) => (await queries.deliveries(request.query)).map(withTrigger),
  );

  app.get<{ Params: Static<typeof DeliveryId> }>(
    '/deliveries/:id',
    { schema: { params: DeliveryId } },
    async (request, reply) => {
      const delivery = await queries.delivery(BigInt(request.params.id));
      if (!delivery)
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `no delivery ${request.params.id}` });
      return withTrigger(delivery);
    },
  );

  app.get<{ Querystring: Static<typeof DrainQuery> }>(
    '/drain',
    { schema: { querystring: DrainQuery } },
    async (request) => queries.drain(request.query),
  );

  const redriven = (ids: string[]) => {
    if (ids.length) deps.onRedrive();
    for (const id of ids) deps.activity.publish({ kind: 'delivery.redriven', deliveryId: id });
    deps.logger.info({ deliveries: ids }, `redrove ${ids.length} dead ${ids.length === 1 ? 'delivery' : 'deliveries'}`);
    return { redriven: ids.length, deliveries: ids.map(Number) };
  };

  app.post<{ Params: Static<typeof DeliveryId> }>(
    '/deliveries/:id/redrive',
    { schema: { params: DeliveryId } },
    async (request, reply) => {
      const { id } = request.params;
      const ids = await queue.redrive(configured, { id });
      if (ids.length) return redriven(ids);
      const delivery = await queries.delivery(BigInt(id));
      if (!delivery) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no delivery ${id}` });
      const why = !mesh.trigger(delivery.trigger)
        ? `its Trigger ${delivery.trigger} is no longer in mesh-config`
        : delivery.state !== 'dead'
          ? `it is ${delivery.state}; only dead deliveries can be redriven`
          : 'its dead letter is still being sent to the dead-letter sink';
      return reply
        .code(409)
        .send({ statusCode: 409, error: 'Conflict', message: `delivery ${id} cannot be redriven: ${why}` });
    },
  );

  app.post<{ Params: Static<typeof TriggerName> }>(
    '/triggers/:name/redrive',
    { schema: { params: TriggerName } },
    async (request, reply) => {
      const { name } = request.params;
      if (!mesh.trigger(name))
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `no Trigger ${name} in mesh-config` });
      return redriven(await queue.redrive(configured, { trigger: name }));
    },
  );

  app.post('/redrive', async () => redriven(await queue.redrive(configured)));

  app.get('/stream', (request, reply) => streamActivity(request, reply, deps.activity));

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const { ready, problem } = await deps.ready();
    return reply.code(ready ? 200 : 503).send(ready ? { status: 'ok' } : { status: 'unavailable', problem });
  });

  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );

  app.setErrorHandler((err: Error & { validation?: ValidationIssue[]; validationContext?: string }, request, reply) => {
    if (err.validation)
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: validationMessage(err.validation, err.validationContext),
      });
    deps.logger.error({ err }, `admin ${request.method} ${request.url}: ${err.message}`);
    return reply.code(503).send({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `the broker database did not answer: ${err.message}`,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `nothing at ${request.method} ${request.url}; GET / lists the admin API`,
    }),
  );

  return app;
}

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: { allowedValues?: unknown[]; additionalProperty?: string };
}

/** Ajv's findings as a sentence: `query parameter "state" must be one of: pending, retrying, delivered, dead`. */
function validationMessage(issues: ValidationIssue[], context = 'request'): string {
  const where = context === 'querystring' ? 'query parameter' : `${context} parameter`;
  return issues
    .map((issue) => {
      if (issue.keyword === 'additionalProperties') return `unknown ${where} "${issue.params.additionalProperty}"`;
      const field = issue.instancePath.replace(/^\//, '');
      if (issue.params.allowedValues)
        return `${where} "${field}" must be one of: ${issue.params.allowedValues.join(', ')}`;
      return `${where} "${field}" ${issue.message}`;
    })
    .join('; ');
}
