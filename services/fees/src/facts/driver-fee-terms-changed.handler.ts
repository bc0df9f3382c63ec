import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { changeDriverTerms, notInProjectionYet } from '../db/driver-terms.js';
import { statedAt } from './stated-at.js';

/** New terms for a known driver; they apply to the fees calculated from now on. */
@Injectable()
export class DriverFeeTermsChangedHandler {
  constructor(private readonly clock: Clock) {}

  @HandleEvent(contracts.driverFeeTermsChanged)
  async handle(
    { driverId, feeTerms }: DataOf<typeof contracts.driverFeeTermsChanged>,
    { tx, event }: MeshContext,
  ): Promise<void> {
    const known = await changeDriverTerms(tx, driverId, feeTerms, statedAt(event, this.clock.now()));
    // The registration may still be in flight: the change waits for it rather than inventing a driver without a name.
    if (!known) notInProjectionYet(`Driver ${driverId}`);
  }
}
