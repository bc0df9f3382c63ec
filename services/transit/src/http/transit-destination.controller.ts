import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contracts } from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import { lockTransit } from '../db/transits.js';
import { updateDestination } from '../domain/transit.js';
import { ApiTransitId, TransitIdPipe } from './transit-id.js';
import {
  DestinationChangeQueuedSchema,
  UpdateDestinationSchema,
  type DestinationChangeQueued,
  type UpdateDestinationBody,
} from './transit.schemas.js';

/**
 * The rider changes where the ride goes. Like every command it travels through the mesh: this route queues
 * `cabs.transit.update-destination` in the outbox and answers 202, and the command's handler changes the ride
 * when the mesh delivers it — retried, dead-lettered and traced like the others, so the rider's wish is kept
 * even if this service restarts at once. The rule is checked here too, so a ride that cannot change any more is
 * refused now (404, 409) rather than dead-lettered later.
 */
@ApiTags('transits')
@Controller('transits')
export class TransitDestinationController {
  constructor(
    private readonly work: UnitOfWork,
    private readonly fares: ConfiguredFarePolicy,
  ) {}

  @Post(':id/destination')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Change the destination of a ride not yet completed (queues cabs.transit.update-destination)' })
  @ApiTransitId()
  @ApiBody({ schema: openApiSchema(UpdateDestinationSchema) })
  @ApiResponse({ status: 202, schema: openApiSchema(DestinationChangeQueuedSchema), description: 'Queued; Location names the ride' })
  @ApiResponse({ status: 400, description: 'The id or the body is malformed; the message names the field' })
  @ApiResponse({ status: 404, description: 'No ride has this id' })
  @ApiResponse({ status: 409, description: 'The ride is completed or cancelled; the message says so' })
  async change(
    @Param('id', TransitIdPipe) id: string,
    @Body(new SchemaPipe(UpdateDestinationSchema)) { destination }: UpdateDestinationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DestinationChangeQueued> {
    await this.work.run(async ({ tx, emit }) => {
      updateDestination(await lockTransit(tx, id), destination, this.fares);
      emit(contracts.updateDestination, { transitId: id, destination }, { subject: id });
    });
    void reply.header('location', `/transits/${id}`);
    return { transitId: id, destination, command: 'cabs.transit.update-destination' };
  }
}
