import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { decodeHttpEvent } from '@cabs/cloudevents';
import { bearerTokenMatches, discardBody } from '@cabs/mesh-http';
import type { Mesh } from '../config/mesh.js';
import type { BrokerMetrics } from '../observability/metrics.js';
import type { BrokerTracing } from '../observability/tracing.js';
import type { EventIntake } from './event-intake.js';

export interface IngressDeps {
  mesh: Mesh;
  intake: EventIntake;
  metrics: BrokerMetrics;
  logger: Logger;
  maxEventBytes: number;
  token?: string;
  /** A span for each event accepted or not stored; none by default. */
  tracing?: BrokerTracing;
}

/**
 * `POST /{namespace}/{broker}`, answered as Knative's broker ingress answers: 202 once the event and its
 * deliveries are durably stored, 400 for what is not a valid event, 404, 405, 413 and 503. Nothing else
 * lives on this port, so the admin API can never change what senders see.
 */
export function createIngressServer(deps: IngressDeps): FastifyInstance {
  // Not 503 while closing: the intake stores until the ingress has closed (the database closes last), so an event
  // that arrives on an open connection during a restart is accepted like any other; riders never see a 5xx from it.
  const app = Fastify({ bodyLimit: deps.maxEventBytes, logger: false, return503OnClosing: false });

  // Closing reaps only idle keep-alive connections: one whose request was in flight would stay open after its 202,
  // and the close would wait for the sender to hang up (up to 72 s), past any grace period. So say so once closing.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  // Every body is kept as raw bytes: in binary mode they are the event's data, whatever the content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const refuse = (reply: FastifyReply, code: number, message: string) => {
    deps.metrics.rejected.inc({ code });
    return reply.code(code).send({ statusCode: code, error: reasons[code], message });
  };

  app.post<{ Params: { namespace: string; broker: string } }>('/:namespace/:broker', async (request, reply) => {
    const { namespace, broker } = request.params;
    if (!deps.mesh.broker(namespace, broker)) return refuse(reply, 404, `no broker ${namespace}/${broker}`);
    if (deps.token && !bearerTokenMatches(request.headers.authorization, deps.token)) {
      return refuse(reply, 401, 'this broker requires Authorization: Bearer <MESH_TOKEN>');
    }
    const decoded = decodeHttpEvent(request.headers, (request.body as Buffer | undefined) ?? EMPTY, 'the broker');
    if (!decoded.ok) return refuse(reply, 400, decoded.problem);
    const { event } = decoded;
    const traced = deps.tracing?.received(namespace, broker, event, request.headers);
    try {
      await deps.intake.accept(namespace, broker, event);
      traced?.end({});
    } catch (err) {
      traced?.end({ error: (err as Error).message });
      deps.logger.error(
        { err },
        `could not store an event of type ${event.attributes.type}: ${(err as Error).message}`,
      );
      return refuse(reply, 503, 'the broker could not store the event; nothing was accepted, send it again');
    }
    return reply.code(202).send();
  });

  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/:namespace/:broker',
    handler: (request, reply) => {
      const { namespace, broker } = request.params as { namespace: string; broker: string };
      if (!deps.mesh.broker(namespace, broker)) return refuse(reply, 404, `no broker ${namespace}/${broker}`);
      return refuse(
        reply.header('allow', 'POST'),
        405,
        `${request.method} is not allowed: POST CloudEvents to /${namespace}/${broker}`,
      );
    },
  });

  app.setNotFoundHandler((request, reply) =>
    refuse(
      reply,
      404,
      `nothing at ${request.method} ${request.url}: POST CloudEvents to /{namespace}/{broker}, e.g. /${deps.mesh.brokers[0]?.namespace}/${deps.mesh.brokers[0]?.name}`,
    ),
  );

  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      await discardBody(request.raw, 8 * deps.maxEventBytes);
      return refuse(
        reply.header('connection', 'close'),
        413,
        `the event is larger than the broker's limit of ${deps.maxEventBytes} bytes`,
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return refuse(reply, err.statusCode, err.message);
    deps.logger.error({ err }, `ingress failure: ${err.message}`);
    return refuse(reply, 500, 'unexpected failure in the broker ingress');
  });

  return app;
}

const EMPTY = Buffer.alloc(0);

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
