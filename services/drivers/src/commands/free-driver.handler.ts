import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { lockDriver, recordFreedRide, saveDriver } from '../db/driver-store.js';
import { free } from '../domain/driver.js';

/** The ride is over (completed or cancelled): the driver is free for the next one. */
@Injectable()
export class FreeDriverHandler {
  @HandleEvent(contracts.freeDriver)
  async handle({ driverId, transitId }: DataOf<typeof contracts.freeDriver>, { tx }: MeshContext): Promise<void> {
    const driver = await lockDriver(tx, driverId);
    await saveDriver(tx, free(driver, transitId));
    await recordFreedRide(tx, driverId, transitId);
  }
}
