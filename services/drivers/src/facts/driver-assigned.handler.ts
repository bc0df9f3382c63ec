import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { lockDriver, saveDriver, wasFreedFrom } from '../db/driver-store.js';
import { occupy } from '../domain/driver.js';

/** The driver accepted a ride, so the driver is occupied with it. */
@Injectable()
export class DriverAssignedHandler {
  @HandleEvent(contracts.driverAssigned)
  async handle({ driverId, transitId }: DataOf<typeof contracts.driverAssigned>, { tx }: MeshContext): Promise<void> {
    const driver = await lockDriver(tx, driverId);
    const alreadyFreedFromIt = await wasFreedFrom(tx, driverId, transitId);
    await saveDriver(tx, occupy(driver, transitId, alreadyFreedFromIt));
  }
}
