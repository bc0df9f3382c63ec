import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { recordDriverTerms } from '../db/driver-terms.js';
import { statedAt } from './stated-at.js';

/** A new driver, with the terms in force: from now on fees can settle the driver's rides. */
@Injectable()
export class DriverRegisteredHandler {
  constructor(private readonly clock: Clock) {}

  @HandleEvent(contracts.driverRegistered)
  async handle(
    { driverId, name, feeTerms, legacyId }: DataOf<typeof contracts.driverRegistered>,
    { tx, event }: MeshContext,
  ): Promise<void> {
    await recordDriverTerms(tx, {
      driverId,
      name,
      legacyId: legacyId ?? null,
      terms: feeTerms,
      statedAt: statedAt(event, this.clock.now()),
    });
  }
}
