import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { recordDriverFreed } from '../db/settlement.js';
import { unknownTransit } from './unknown-transit.js';

/** Drivers answered: the ride's driver is free, so that step of the settlement is done. */
@Injectable()
export class DriverFreedHandler {
  @HandleEvent(contracts.driverFreed, { idempotent: true })
  async handle({ transitId }: DataOf<typeof contracts.driverFreed>, { tx }: MeshContext): Promise<void> {
    if (!(await recordDriverFreed(tx, transitId))) throw unknownTransit(transitId);
  }
}
