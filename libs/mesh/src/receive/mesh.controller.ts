import { Controller, HttpStatus, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CloudEvent, HTTP } from 'cloudevents';
import { bearerTokenMatches } from '@cabs/mesh-http';
import { PLATFORM_ENV, type PlatformEnv } from '@cabs/platform';
import { decodeEvent } from './decode-event.js';
import { EventDispatcher } from './event-dispatcher.js';

/**
 * `POST /`: where the mesh delivers CloudEvents, as a Knative subscriber. 2xx = done (202 with an empty body, or 200
 * with a reply event); 409/5xx = try again later; other 4xx = never (dead letter), with a message saying why.
 */
@Controller()
export class MeshController {
  constructor(
    private readonly dispatcher: EventDispatcher,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
  ) {}

  @Post()
  @ApiExcludeEndpoint()
  async receive(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    this.authorize(req);
    const decoded = decodeEvent(req.headers, req.body);
    if (!decoded.ok) {
      await res.status(HttpStatus.BAD_REQUEST).send({ statusCode: 400, error: 'Bad Request', message: decoded.message });
      return;
    }
    const outcome = await this.dispatcher.dispatch(decoded.event);
    if ('message' in outcome) {
      await res.status(outcome.status).send({ statusCode: outcome.status, error: outcome.outcome, message: outcome.message });
      return;
    }
    if (!outcome.reply) {
      // Empty body: a non-empty 2xx body that is not a CloudEvent would count as a failed delivery in Knative.
      await res.status(outcome.status).send();
      return;
    }
    const { data, ...attributes } = outcome.reply;
    const message = HTTP.binary(new CloudEvent({ ...attributes, datacontenttype: 'application/json', data }));
    await res.status(outcome.status).headers(message.headers).send(message.body);
  }

  /** With MESH_TOKEN set, only the mesh (which presents it) may deliver events here. */
  private authorize(req: FastifyRequest): void {
    if (this.env.MESH_TOKEN && !bearerTokenMatches(req.headers.authorization, this.env.MESH_TOKEN)) {
      throw new UnauthorizedException('Deliveries to this service need the mesh token (Authorization: Bearer …)');
    }
  }
}
