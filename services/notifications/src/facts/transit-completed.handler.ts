import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { messagesFor } from '../domain/messages.js';
import { Postbox } from './postbox.js';

/** transit-completed → the client hears the ride is complete, with its price. */
@Injectable()
export class TransitCompletedHandler {
  constructor(private readonly postbox: Postbox) {}

  @HandleEvent(contracts.transitCompleted, { idempotent: true })
  async handle(fact: DataOf<typeof contracts.transitCompleted>, { tx, event }: MeshContext): Promise<void> {
    await this.postbox.deliver(tx, event, fact.transitId, messagesFor('cabs.transit.transit-completed', fact));
  }
}
