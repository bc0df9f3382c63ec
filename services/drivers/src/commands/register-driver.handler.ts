import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { contracts, type DataOf } from '@cabs/contracts';
import type { WriteContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { insertDriver } from '../db/driver-store.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { fullName, legacyIdTaken, registerDriver, type Driver, type Registration } from '../domain/driver.js';

/** A new driver, an inactive candidate; fees hears of the driver and the terms in force (driver-registered). */
@Injectable()
export class RegisterDriverHandler {
  constructor(private readonly clock: Clock) {}

  async handle(registration: Registration, { tx, emit }: WriteContext): Promise<Driver> {
    const driver = registerDriver(randomUUID(), registration, this.clock.now());
    await insertDriver(tx, driver).catch((error: unknown) => {
      // The only unique value a new driver brings is its legacy id.
      throw isUniqueViolation(error) ? legacyIdTaken(driver.legacyId) : error;
    });
    emit(contracts.driverRegistered, registered(driver), { subject: driver.id });
    return driver;
  }
}

/** The fact carries the terms in force, the default filled in, so fees never needs to know the default. */
function registered(driver: Driver): DataOf<typeof contracts.driverRegistered> {
  const fact = { driverId: driver.id, name: fullName(driver), feeTerms: driver.feeTerms };
  return driver.legacyId === null ? fact : { ...fact, legacyId: driver.legacyId };
}
