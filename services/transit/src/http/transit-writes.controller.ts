import { applyDecorators, Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { contracts } from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe, type SqlClient } from '@cabs/platform';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import { insertTransit, lockTransit, saveTransit, selectTransit } from '../db/transits.js';
import { cancellationFollowUps } from '../domain/follow-ups.js';
import { accept, cancel, requestTransit, start } from '../domain/transit.js';
import { emitFollowUps } from '../events/follow-up-events.js';
import { ApiTransitId, TransitIdPipe } from './transit-id.js';
import {
  AcceptTransitSchema,
  ReadTransitSchema,
  RequestTransitSchema,
  type AcceptTransitBody,
  type ReadTransit,
  type RequestTransitBody,
} from './transit.schemas.js';
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
 * The local writes of a ride's lifecycle. Each loads the ride, lets the domain decide, saves,
 * and queues what others must hear, in one transaction. Completion is not here: it is a command
 * sent through the mesh (cabs.transit.complete-transit).
 */
@ApiTags('transits')
@Controller('transits')
export class TransitWritesController {
  constructor(
    private readonly work: UnitOfWork,
    private readonly fares: ConfiguredFarePolicy,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Request a ride; its distance, tariff and estimated price are computed at once' })
  @ApiBody({ schema: openApiSchema(RequestTransitSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(ReadTransitSchema), description: 'The requested ride; Location names it' })
  @ApiResponse({ status: 400, description: 'The request is malformed; the message names each field' })
  async request(
    @Body(new SchemaPipe(RequestTransitSchema)) body: RequestTransitBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReadTransit> {
    const { clientId, clientName, pickup, destination } = body;
    const requestedAt = body.requestedAt ? new Date(body.requestedAt) : new Date();
    const transit = requestTransit({ id: randomUUID(), clientId, clientName, pickup, destination, requestedAt }, this.fares);
    const created = await this.work.run(async ({ tx }) => {
      await insertTransit(tx, transit);
      return read(tx, transit.id);
    });
    void reply.header('location', `/transits/${transit.id}`);
    return created;
  }

  @Post(':id/accept')
  @Transition('A driver takes a requested ride (states cabs.transit.driver-assigned)')
  @ApiBody({ schema: openApiSchema(AcceptTransitSchema) })
  async accept(
    @Param('id', TransitIdPipe) id: string,
    @Body(new SchemaPipe(AcceptTransitSchema)) { driverId }: AcceptTransitBody,
  ): Promise<ReadTransit> {
    return this.work.run(async ({ tx, emit }) => {
      const transit = await lockTransit(tx, id);
      await saveTransit(tx, transit, accept(transit, driverId));
      emit(contracts.driverAssigned, { transitId: id, driverId }, { subject: id });
      return read(tx, id);
    });
  }

  @Post(':id/start')
  @Transition('The driver picked the rider up: the ride is in transit')
  async start(@Param('id', TransitIdPipe) id: string): Promise<ReadTransit> {
    return this.work.run(async ({ tx }) => {
      const transit = await lockTransit(tx, id);
      await saveTransit(tx, transit, start(transit, new Date()));
      return read(tx, id);
    });
  }

  @Post(':id/cancel')
  @Transition('Cancel a ride before it starts; its driver, if any, is freed (cabs.drivers.free-driver)')
  async cancel(@Param('id', TransitIdPipe) id: string): Promise<ReadTransit> {
    return this.work.run(async ({ tx, emit }) => {
      const transit = await lockTransit(tx, id);
      const cancelled = cancel(transit);
      await saveTransit(tx, transit, cancelled);
      emitFollowUps(emit, cancellationFollowUps(cancelled));
      return read(tx, id);
    });
  }
}

/** The answer to a write: the ride as the read model shows it, read in the write's own transaction. */
async function read(tx: SqlClient, id: string): Promise<ReadTransit> {
  return readTransit(await selectTransit(tx, id));
}
