import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { notInProjectionYet, selectDriverTerms } from '../db/driver-terms.js';
import { recordFee } from '../db/fees.js';
import { driverFee } from '../domain/driver-fee.js';
import { monthOf } from '../domain/earnings.js';
import { transitPrice } from '../domain/money.js';

/** A ride is completed: the driver earns the price less the company's commission. */
@Injectable()
export class CalculateFeeHandler {
  @HandleEvent(contracts.calculateFee)
  async handle(command: DataOf<typeof contracts.calculateFee>, { tx, emit, restate }: MeshContext): Promise<void> {
    const { transitId, driverId, completedAt } = command;
    const driver = (await selectDriverTerms(tx, driverId)) ?? notInProjectionYet(`Driver ${driverId}`);
    const price = transitPrice(command.transitPrice);
    const fee = driverFee(price, driver.terms);
    const completed = new Date(completedAt);
    const month = monthOf(completed);
    const recorded = await recordFee(tx, {
      transitId,
      driverId,
      transitPrice: price,
      fee,
      terms: driver.terms,
      completedAt: completed,
      month,
    });
    // Once per ride: a repeated command (transit asking again) finds the fee already recorded and counted, and gets
    // the fact stated again — the same event, in case the first never reached transit.
    if (!recorded) {
      await restate(contracts.driverFeeCalculated, { subject: transitId });
      return;
    }
    emit(
      contracts.driverFeeCalculated,
      { transitId, driverId, fee, transitPrice: price, completedAt },
      { subject: transitId },
    );
  }
}
