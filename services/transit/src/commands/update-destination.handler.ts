import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import { lockTransit, saveTransit } from '../db/transits.js';
import { updateDestination } from '../domain/transit.js';

/** The rider wants to go elsewhere: distance and estimate follow the new destination until the ride ends. */
@Injectable()
export class UpdateDestinationHandler {
  constructor(private readonly fares: ConfiguredFarePolicy) {}

  @HandleEvent(contracts.updateDestination)
  async handle(
    { transitId, destination }: DataOf<typeof contracts.updateDestination>,
    { tx }: MeshContext,
  ): Promise<void> {
    const transit = await lockTransit(tx, transitId);
    await saveTransit(tx, transit, updateDestination(transit, destination, this.fares));
  }
}
