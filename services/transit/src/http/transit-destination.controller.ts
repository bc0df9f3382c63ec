import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  DestinationChangeQueuedSchema,
  UpdateDestinationSchema,
  type DestinationChangeQueued,
  type UpdateDestinationBody,
} from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { RequestDestinationUpdateHandler } from '../commands/request-destination-update.handler.js';
import { ApiTransitId, TransitIdPipe } from './transit-id.js';

/**
 * The rider changes where the ride goes: the change is queued as a command for the mesh (202), checked first so that a
 * ride that cannot change any more is refused now (404, 409) rather than dead-lettered later.
 */
@ApiTags('transits')
@Controller('transits')
export class TransitDestinationController {
  constructor(
    private readonly work: UnitOfWork,
    private readonly requestDestinationUpdate: RequestDestinationUpdateHandler,
  ) {}

  @Post(':id/destination')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Change the destination of a ride not yet completed (queues cabs.transit.update-destination)',
  })
  @ApiTransitId()
  @ApiBody({ schema: openApiSchema(UpdateDestinationSchema) })
  @ApiResponse({
    status: 202,
    schema: openApiSchema(DestinationChangeQueuedSchema),
    description: 'Queued; Location names the ride',
  })
  @ApiResponse({ status: 400, description: 'The id or the body is malformed; the message names the field' })
  @ApiResponse({ status: 404, description: 'No ride has this id' })
  @ApiResponse({ status: 409, description: 'The ride is completed or cancelled; the message says so' })
  async change(
    @Param('id', TransitIdPipe) transitId: string,
    @Body(new SchemaPipe(UpdateDestinationSchema)) { destination }: UpdateDestinationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DestinationChangeQueued> {
    await this.work.run((write) => this.requestDestinationUpdate.handle({ transitId, destination }, write));
    void reply.header('location', `/transits/${transitId}`);
    return { transitId, destination, command: 'cabs.transit.update-destination' };
  }
}
