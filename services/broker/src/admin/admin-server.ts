import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import {
  Activity,
  AdminError,
  AdminIndex,
  DeliveriesQuery,
  DeliveryIdParams,
  DeliveryView,
  DrainQuery,
  DrainView,
  EventsQuery,
  HealthView,
  RedriveResult,
  StoredEvent,
  TriggerNameParams,
  TriggerView,
} from '@cabs/contracts';
import { bearerTokenMatches } from '@cabs/mesh-http';
import type { Mesh, MeshTrigger } from '../config/mesh.js';
import { retrySchedule } from '../dispatch/backoff.js';
import type { ActivityFeed } from '../observability/activity.js';
import type { BrokerMetrics } from '../observability/metrics.js';
import type { AdminQueries, StoredDelivery } from '../store/admin-queries.js';
import type { DeliveryQueue } from '../store/delivery-queue.js';
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

/**
 * Answered without the token: liveness, readiness, Prometheus metrics (counts, no events), the endpoint list and
 * the OpenAPI document (routes and shapes, no data).
 */
const OPEN_ROUTES = new Set(['/', '/health/live', '/health/ready', '/metrics', '/openapi.json']);

const REFUSALS = {
  400: 'A query or path parameter is not one the API takes',
  401: 'The broker has a mesh token and the request did not present it',
  404: 'No such delivery or Trigger',
  409: 'The delivery cannot be redriven (the message says why)',
  503: 'The broker database did not answer',
};
/** The refusals a route may answer: those named, and 401 (without the token) and 503 (database away) for any. */
const refusals = (...codes: (400 | 404 | 409)[]) =>
  Object.fromEntries(
    [...codes, 401 as const, 503 as const].map((code) => [code, { ...AdminError, description: REFUSALS[code] }]),
  );
/** The probes, metrics and index answer without the token (OPEN_ROUTES). */
const open = { security: [] };

/**
 * The broker's admin API on its own port (JSON): what the Triggers are, what is pending, retrying and
 * dead, redrive, a live stream of mesh activity, health and Prometheus metrics. Its requests and answers are the
 * contract in @cabs/contracts (broker-admin), which its clients read through @cabs/client; `GET /openapi.json`
 * documents them.
 */
export function createAdminServer(deps: AdminDeps): FastifyInstance {
  // Closing must not wait for stream followers to hang up; a misspelt query parameter is an error, not ignored.
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false } },
  });
  // The response schemas document the answers, and type them through the routes' Reply generics. Serializing by them
  // would compile a serializer per route at start (0.2 to 0.4 s more before the broker is ready, measured) for an API
  // read a few times a minute: answers are written with JSON.stringify.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // Collects the routes registered after it (adminRoutes) into the document, built when first asked for.
  void app.register(swagger, {
    openapi: {
      info: {
        title: 'Cabs broker admin API',
        description:
          "The local Knative-compatible broker's admin port: Triggers, events, deliveries, dead letters, redrive, the activity stream, health and metrics",
        version: '1',
      },
      components: { securitySchemes: { meshToken: { type: 'http', scheme: 'bearer' } } },
      security: deps.token ? [{ meshToken: [] }] : [],
    },
  });
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

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  void app.register(async (routes) => adminRoutes(routes, deps));

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

function adminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { mesh, queries, queue } = deps;
  const configured = mesh.triggers.map((t) => t.name);

  const triggerView = (t: MeshTrigger): Omit<TriggerView, 'backlog'> => ({
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

  const withTrigger = (d: StoredDelivery): DeliveryView => {
    const t = mesh.trigger(d.trigger);
    return { ...d, maxAttempts: t ? t.delivery.retry + 1 : null, subscriber: t?.subscriber.url ?? null };
  };

  app.get<{ Reply: AdminIndex }>(
    '/',
    {
      schema: { summary: 'What this broker is and what its admin API answers', ...open, response: { 200: AdminIndex } },
    },
    async () => ({
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
        'GET /openapi.json',
      ],
    }),
  );

  app.get<{ Reply: TriggerView[] }>(
    '/triggers',
    {
      schema: {
        summary: 'The Triggers of mesh-config: filter, subscriber, merged delivery spec and backlog',
        response: { 200: { type: 'array', items: TriggerView }, ...refusals() },
      },
    },
    async () => {
      const backlog = await queries.backlog();
      return mesh.triggers.map((t) => {
        const count = (state: string) => backlog.find((b) => b.trigger === t.name && b.state === state)?.count ?? 0;
        return {
          ...triggerView(t),
          backlog: { pending: count('pending'), retrying: count('retrying'), dead: count('dead') },
        };
      });
    },
  );

  app.get<{ Querystring: EventsQuery; Reply: StoredEvent[] }>(
    '/events',
    {
      schema: {
        summary: 'Events as accepted, newest first, with their data and deliveries',
        querystring: EventsQuery,
        response: { 200: { type: 'array', items: StoredEvent }, ...refusals(400) },
      },
    },
    async (request) => queries.events(request.query),
  );

  app.get<{ Querystring: DeliveriesQuery; Reply: DeliveryView[] }>(
    '/deliveries',
    {
      schema: {
        summary: 'Deliveries, newest first: pending, retrying, delivered or dead',
        querystring: DeliveriesQuery,
        response: { 200: { type: 'array', items: DeliveryView }, ...refusals(400) },
      },
    },
    async (request) => (await queries.deliveries(request.query)).map(withTrigger),
  );

  app.get<{ Params: DeliveryIdParams; Reply: DeliveryView | AdminError }>(
    '/deliveries/:id',
    {
      schema: {
        summary: 'One delivery',
        params: DeliveryIdParams,
        response: { 200: DeliveryView, ...refusals(400, 404) },
      },
    },
    async (request, reply) => {
      const delivery = await queries.delivery(BigInt(request.params.id));
      if (!delivery)
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `no delivery ${request.params.id}` });
      return withTrigger(delivery);
    },
  );

  app.get<{ Querystring: DrainQuery; Reply: DrainView }>(
    '/drain',
    {
      schema: {
        summary: 'How many deliveries of a type/dataschema are not delivered yet: retire a schema once drained',
        querystring: DrainQuery,
        response: { 200: DrainView, ...refusals(400) },
      },
    },
    async (request) => queries.drain(request.query),
  );

  const redriven = (ids: string[]): RedriveResult => {
    if (ids.length) deps.onRedrive();
    for (const id of ids) deps.activity.publish({ kind: 'delivery.redriven', deliveryId: id });
    deps.logger.info({ deliveries: ids }, `redrove ${ids.length} dead ${ids.length === 1 ? 'delivery' : 'deliveries'}`);
    return { redriven: ids.length, deliveries: ids.map(Number) };
  };

  app.post<{ Params: DeliveryIdParams; Reply: RedriveResult | AdminError }>(
    '/deliveries/:id/redrive',
    {
      schema: {
        summary: 'Sends one dead delivery through the mesh again',
        params: DeliveryIdParams,
        response: { 200: RedriveResult, ...refusals(400, 404, 409) },
      },
    },
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

  app.post<{ Params: TriggerNameParams; Reply: RedriveResult | AdminError }>(
    '/triggers/:name/redrive',
    {
      schema: {
        summary: "Sends a Trigger's dead deliveries through the mesh again",
        params: TriggerNameParams,
        response: { 200: RedriveResult, ...refusals(404) },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!mesh.trigger(name))
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `no Trigger ${name} in mesh-config` });
      return redriven(await queue.redrive(configured, { trigger: name }));
    },
  );

  app.post<{ Reply: RedriveResult }>(
    '/redrive',
    {
      schema: {
        summary: 'Sends every dead delivery through the mesh again',
        response: { 200: RedriveResult, ...refusals() },
      },
    },
    async () => redriven(await queue.redrive(configured)),
  );

  app.get(
    '/stream',
    {
      schema: {
        summary: 'Mesh activity as it happens (Server-Sent Events): `event: <kind>`, the activity as JSON `data:`',
        produces: ['text/event-stream'],
        response: {
          200: { description: 'One message per happening', content: { 'text/event-stream': { schema: Activity } } },
        },
      },
    },
    (request, reply) => streamActivity(request, reply, deps.activity),
  );

  app.get<{ Reply: HealthView }>(
    '/health/live',
    { schema: { summary: 'Liveness', ...open, response: { 200: HealthView } } },
    async () => ({ status: 'ok' }),
  );
  app.get<{ Reply: HealthView }>(
    '/health/ready',
    {
      schema: {
        summary: 'Readiness: the database answers and every migration is applied',
        ...open,
        response: { 200: HealthView, 503: HealthView },
      },
    },
    async (_request, reply) => {
      const { ready, problem } = await deps.ready();
      return reply.code(ready ? 200 : 503).send(ready ? { status: 'ok' } : { status: 'unavailable', problem });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics: accepted, delivered, retried, dead-lettered, latency, backlog',
        ...open,
        produces: ['text/plain'],
      },
    },
    async (_request, reply) =>
      reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
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
