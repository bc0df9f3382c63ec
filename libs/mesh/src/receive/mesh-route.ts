import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { binaryModeHeaders, decodeParsedHttpEvent } from '@cabs/cloudevents';
import { bearerTokenMatches } from '@cabs/mesh-http';
import { PLATFORM_ENV, type PlatformEnv } from '@cabs/platform';
import { EventDispatcher, type StoredReply } from './event-dispatcher.js';

/** Where the mesh delivers: the root of the service, as Knative addresses a subscriber. */
export const MESH_PATH = '/';

/**
 * `POST /`: where the mesh delivers CloudEvents, as a Knative subscriber. 2xx = done (202 with an empty body, or 200
 * with a reply event); 409/5xx = try again later; other 4xx = never (dead letter), with a message saying why.
 *
 * A Fastify route of its own rather than a Nest controller: the data plane of the service, taken many times per ride,
 * needs none of the REST pipeline's guards, pipes and interceptors (the dispatcher answers every outcome itself), and
 * going through them was a fifth of a service's CPU per delivery. It is not part of the OpenAPI document either: the
 * event contracts (docs/events.md) describe it.
 */
@Injectable()
export class MeshRoute implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly dispatcher: EventDispatcher,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.post(MESH_PATH, (request, reply) => this.receive(request, reply));
  }

  private async receive(req: FastifyRequest, res: FastifyReply): Promise<FastifyReply> {
    // With MESH_TOKEN set, only the mesh (which presents it) may deliver events here.
    if (this.env.MESH_TOKEN && !bearerTokenMatches(req.headers.authorization, this.env.MESH_TOKEN)) {
      return answer(
        res,
        401,
        'Unauthorized',
        'Deliveries to this service need the mesh token (Authorization: Bearer …)',
      );
    }
    const decoded = decodeParsedHttpEvent(req.headers, req.body, 'this service');
    if (!decoded.ok) return answer(res, 400, 'Bad Request', `Not a valid CloudEvent: ${decoded.problem}`);
    const outcome = await this.dispatcher.dispatch(decoded.event);
    if ('message' in outcome) return answer(res, outcome.status, outcome.outcome, outcome.message);
    // Empty body: a non-empty 2xx body that is not a CloudEvent would count as a failed delivery in Knative.
    if (!outcome.reply) return res.status(outcome.status).send();
    return res
      .status(outcome.status)
      .headers(binaryModeHeaders(replyAttributes(outcome.reply)))
      .send(JSON.stringify(outcome.reply.data));
  }
}

/** A reply's context for binary mode; `time` is when it is sent (a redelivery gets the stored reply, sent anew). */
function replyAttributes({ id, type, source, subject, dataschema }: StoredReply): Record<string, string> {
  return {
    specversion: '1.0',
    id,
    type,
    source,
    ...(subject ? { subject } : {}),
    dataschema,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
  };
}

/** The error shape of the REST API (Nest's), so a person reading a dead letter's answer meets one format. */
function answer(res: FastifyReply, statusCode: number, error: string, message: string | string[]): FastifyReply {
  return res.status(statusCode).send({ statusCode, error, message });
}
