import { applyDecorators, Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AcceptTransitSchema,
  ReadTransitSchema,
  RequestTransitSchema,
  type AcceptTransitBody,
  type ReadTransit,
  type RequestTransitBody,
} from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { AcceptTransitHandler } from '../commands/accept-transit.handler.js';
import { CancelTransitHandler } from '../commands/cancel-transit.handler.js';
import { RequestTransitHandler } from '../commands/request-transit.handler.js';
import { StartTransitHandler } from '../commands/start-transit.handler.js';
import { ApiTransitId, TransitIdPipe } from './transit-id.js';
import { readTransit } from './transit.view.js';

/** A step of the ride's lifecycle: 200 with the ride, 404 for an unknown one, 409 when its status forbids the step. */
const Transition = (summary: string) =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    ApiOperation({ summary }),
    ApiTransitId(),
    ApiResponse({ status: 200, schema: openApiSchema(ReadTransitSchema) }),
    ApiResponse({ status: 400, description: 'The id or the body is malformed; the message names the field' }),
    ApiResponse({ status: 404, description: 'No ride has this id' }),
    ApiResponse({ status: 409, description: "The ride's status does not allow this step; the message says why" }),
  );

/**
 * The local writes of a ride's lifecycle, each a use case of `commands/` run in a unit of work: the ride's change and
 * what others must hear of it commit together; the answer is the ride as the read model shows it. Completion is not
 * here: it is a command sent through the mesh (cabs.transit.complete-transit).
 */
@ApiTags('transits')
@Controller('transits')
export class TransitWritesController {
  constructor(
    private readonly work: UnitOfWork,
    private readonly requestTransit: RequestTransitHandler,
    private readonly acceptTransit: AcceptTransitHandler,
    private readonly startTransit: StartTransitHandler,
    private readonly cancelTransit: CancelTransitHandler,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Request a ride; its distance, tariff and estimated price are computed at once' })
  @ApiBody({ schema: openApiSchema(RequestTransitSchema) })
  @ApiResponse({
    status: 201,
    schema: openApiSchema(ReadTransitSchema),
    description: 'The requested ride; Location names it',
  })
  @ApiResponse({ status: 400, description: 'The request is malformed; the message names each field' })
  @ApiResponse({ status: 422, description: 'A rule says no: a blank client name, say; the message says which' })
  async request(
    @Body(new SchemaPipe(RequestTransitSchema)) body: RequestTransitBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReadTransit> {
    const request = { ...body, requestedAt: body.requestedAt === undefined ? undefined : new Date(body.requestedAt) };
    const requested = await this.work.run((write) => this.requestTransit.handle(request, write));
    void reply.header('location', `/transits/${requested.id}`);
    return readTransit(requested);
  }

  @Post(':id/accept')
  @Transition('A driver takes a requested ride (states cabs.transit.driver-assigned)')
  @ApiBody({ schema: openApiSchema(AcceptTransitSchema) })
  async accept(
    @Param('id', TransitIdPipe) transitId: string,
    @Body(new SchemaPipe(AcceptTransitSchema)) { driverId }: AcceptTransitBody,
  ): Promise<ReadTransit> {
    return readTransit(await this.work.run((write) => this.acceptTransit.handle({ transitId, driverId }, write)));
  }

  @Post(':id/start')
  @Transition('The driver picked the rider up: the ride is in transit')
  async start(@Param('id', TransitIdPipe) transitId: string): Promise<ReadTransit> {
    return readTransit(await this.work.run((write) => this.startTransit.handle({ transitId }, write)));
  }

  @Post(':id/cancel')
  @Transition('Cancel a ride before it starts; its driver, if any, is freed (cabs.drivers.free-driver)')
  async cancel(@Param('id', TransitIdPipe) transitId: string): Promise<ReadTransit> {
    return readTransit(await this.work.run((write) => this.cancelTransit.handle({ transitId }, write)));
  }
}
