import { Injectable } from '@nestjs/common';
import type { WriteContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { lockTransit, saveTransit, selectTransit } from '../db/transits.js';
import type { TransitRow } from '../db/transit-rows.js';
import { start } from '../domain/transit.js';

/** The driver picked the rider up: the ride is in transit. */
@Injectable()
export class StartTransitHandler {
  constructor(private readonly clock: Clock) {}

  /** The ride as the read model shows it now. */
  async handle({ transitId }: { transitId: string }, { tx }: WriteContext): Promise<TransitRow> {
    const transit = await lockTransit(tx, transitId);
    await saveTransit(tx, transit, start(transit, this.clock.now()));
    return selectTransit(tx, transitId);
  }
}
