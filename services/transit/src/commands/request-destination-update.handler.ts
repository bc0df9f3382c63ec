import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import type { WriteContext } from '@cabs/mesh';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import { lockTransit } from '../db/transits.js';
import { updateDestination } from '../domain/transit.js';

/**
 * The rider wants to go elsewhere. Like every command the change travels through the mesh: this queues
 * `cabs.transit.update-destination`, and `UpdateDestinationHandler` changes the ride when the mesh delivers it —
 * retried, dead-lettered and traced like the others, so the rider's wish is kept even if this service restarts at
 * once. The rule is checked here too, so a ride that cannot change any more is refused now rather than dead-lettered
 * later.
 */
@Injectable()
export class RequestDestinationUpdateHandler {
  constructor(private readonly fares: ConfiguredFarePolicy) {}

  async handle(command: DataOf<typeof contracts.updateDestination>, { tx, emit }: WriteContext): Promise<void> {
    updateDestination(await lockTransit(tx, command.transitId), command.destination, this.fares);
    emit(contracts.updateDestination, command, { subject: command.transitId });
  }
}
