import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, Outbox, type MeshContext } from '@cabs/mesh';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import type { Tx } from '../db/database.js';
import { openSettlement } from '../db/settlement.js';
import { lockTransit, saveTransit } from '../db/transits.js';
import { completionFollowUps } from '../domain/follow-ups.js';
import { complete } from '../domain/transit.js';
import { followUpEvents } from '../events/follow-up-events.js';

/**
 * The ride ends where the rider got out; the fee, the invoice and the freed driver are
 * queued, not awaited. A repeated completion (same destination) changes nothing and queues
 * nothing; an unknown transit or a ride not in progress is rejected for good (DomainError → 422).
 */
@Injectable()
export class CompleteTransitHandler {
  constructor(
    private readonly fares: ConfiguredFarePolicy,
    private readonly outbox: Outbox,
  ) {}

  @HandleEvent(contracts.completeTransit)
  async handle({ transitId, destination }: DataOf<typeof contracts.completeTransit>, { tx }: MeshContext<Tx>): Promise<void> {
    const completion = complete(await lockTransit(tx, transitId), destination, new Date(), this.fares);
    if (completion.outcome === 'already-completed') return;

    await saveTransit(tx, completion.transit);
    await openSettlement(tx, completion.transit);
    await this.outbox.emitAll(tx, followUpEvents(completionFollowUps(completion.transit)));
  }
}
