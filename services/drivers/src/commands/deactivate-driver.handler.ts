import { Injectable } from '@nestjs/common';
import type { WriteContext } from '@cabs/mesh';
import { lockDriver, saveDriver } from '../db/driver-store.js';
import { deactivate, type Driver } from '../domain/driver.js';

/** The driver may not drive for now. Nobody else needs to hear of it. */
@Injectable()
export class DeactivateDriverHandler {
  async handle({ driverId }: { driverId: string }, { tx }: WriteContext): Promise<Driver> {
    const deactivated = deactivate(await lockDriver(tx, driverId));
    await saveDriver(tx, deactivated);
    return deactivated;
  }
}
