import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import type { Tx } from '../db/database.js';
import { lockTransit, saveTransit } from '../db/transits.js';
import { updateDestination } from '../domain/transit.js';

/** The rider wants to go elsewhere: distance and estimate follow the new destination until the ride ends. */
@Injectable()
export class UpdateDestinationHandler {
  constructor(private readonly fares: ConfiguredFarePolicy) {}

  @HandleEvent(contracts.updateDestination)
  async handle({ transitId, destination }: DataOf<typeof contracts.updateDestination>, { tx }: MeshContext<Tx>): Promise<void> {
    const updated = updateDestination(await lockTransit(tx, transitId), destination, this.fares);
    await saveTransit(tx, updated);
  }
}
