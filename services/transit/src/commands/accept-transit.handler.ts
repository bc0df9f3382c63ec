import { Injectable } from '@nestjs/common';
import { contracts } from '@cabs/contracts';
import type { WriteContext } from '@cabs/mesh';
import { lockTransit, saveTransit, selectTransit } from '../db/transits.js';
import type { TransitRow } from '../db/transit-rows.js';
import { accept } from '../domain/transit.js';

/** A driver takes a requested ride; drivers hears of it (driver-assigned) and marks the driver occupied. */
@Injectable()
export class AcceptTransitHandler {
  /** The ride as the read model shows it now. */
  async handle(
    { transitId, driverId }: { transitId: string; driverId: string },
    { tx, emit }: WriteContext,
  ): Promise<TransitRow> {
    const transit = await lockTransit(tx, transitId);
    await saveTransit(tx, transit, accept(transit, driverId));
    emit(contracts.driverAssigned, { transitId, driverId }, { subject: transitId });
    return selectTransit(tx, transitId);
  }
}
