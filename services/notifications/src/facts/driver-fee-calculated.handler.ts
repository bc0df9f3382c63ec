import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { messagesFor } from '../domain/messages.js';
import { Postbox } from './postbox.js';

/** driver-fee-calculated → the driver hears the earnings. */
@Injectable()
export class DriverFeeCalculatedHandler {
  constructor(private readonly postbox: Postbox) {}

  @HandleEvent(contracts.driverFeeCalculated, { idempotent: true })
  async handle(fact: DataOf<typeof contracts.driverFeeCalculated>, { tx, event }: MeshContext): Promise<void> {
    await this.postbox.deliver(tx, event, fact.transitId, messagesFor('cabs.fees.driver-fee-calculated', fact));
  }
}
