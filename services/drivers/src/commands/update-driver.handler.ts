import { Injectable } from '@nestjs/common';
import { contracts } from '@cabs/contracts';
import type { WriteContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { lockDriver, saveDriver } from '../db/driver-store.js';
import { updateDriver, type Driver, type DriverDetails } from '../domain/driver.js';
import { sameFeeTerms } from '../domain/fee-terms.js';

/** A person replaces a driver's details; fees hears of new fee terms (driver-fee-terms-changed), and only of those. */
@Injectable()
export class UpdateDriverHandler {
  constructor(private readonly clock: Clock) {}

  async handle(
    { driverId, details }: { driverId: string; details: DriverDetails },
    { tx, emit }: WriteContext,
  ): Promise<Driver> {
    const driver = await lockDriver(tx, driverId);
    const updated = updateDriver(driver, details, this.clock.now());
    await saveDriver(tx, updated);
    if (!sameFeeTerms(driver.feeTerms, updated.feeTerms)) {
      emit(contracts.driverFeeTermsChanged, { driverId, feeTerms: updated.feeTerms }, { subject: driverId });
    }
    return updated;
  }
}
