import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { recordFee } from '../db/settlement.js';
import { unknownTransit } from './unknown-transit.js';

/** Fees answered: the ride's settlement shows the driver's fee. */
@Injectable()
export class DriverFeeCalculatedHandler {
  @HandleEvent(contracts.driverFeeCalculated, { idempotent: true })
  async handle({ transitId, fee }: DataOf<typeof contracts.driverFeeCalculated>, { tx }: MeshContext): Promise<void> {
    if (!(await recordFee(tx, transitId, fee))) throw unknownTransit(transitId);
  }
}
