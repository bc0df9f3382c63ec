import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { lockDriver, recordFreedRide, saveDriver } from '../db/driver-store.js';
import { free } from '../domain/driver.js';

/** The ride is over (completed or cancelled): the driver is free for the next one, and transit hears so. */
@Injectable()
export class FreeDriverHandler {
  @HandleEvent(contracts.freeDriver)
  async handle(
    { driverId, transitId }: DataOf<typeof contracts.freeDriver>,
    { tx, emit, restate }: MeshContext,
  ): Promise<void> {
    const driver = await lockDriver(tx, driverId);
    await saveDriver(tx, free(driver, transitId));
    const firstTime = await recordFreedRide(tx, driverId, transitId);
    // Asked again (transit's reconciler) for a ride already freed: the same fact once more, in case the first never
    // reached transit. A ride freed before this fact existed has none to restate, so it is stated now.
    if (firstTime || !(await restate(contracts.driverFreed, { subject: transitId }))) {
      emit(contracts.driverFreed, { driverId, transitId }, { subject: transitId });
    }
  }
}
