import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import { ConfiguredReconcilePolicy } from '../config/reconcile-policy.js';
import { lockTransit, saveCompletion } from '../db/transits.js';
import { completionFollowUps } from '../domain/follow-ups.js';
import { firstCheckAt } from '../domain/settlement.js';
import { complete } from '../domain/transit.js';
import { emitFollowUps } from '../events/follow-up-events.js';

/**
 * The ride ends where the rider got out; the fee, the invoice and the freed driver are
 * queued, not awaited. A repeated completion (same destination) changes nothing and queues
 * nothing; an unknown transit or a ride not in progress is rejected for good (DomainError → 422).
 */
@Injectable()
export class CompleteTransitHandler {
  constructor(
    private readonly fares: ConfiguredFarePolicy,
    private readonly reconciling: ConfiguredReconcilePolicy,
    private readonly clock: Clock,
  ) {}

  @HandleEvent(contracts.completeTransit)
  async handle(
    { transitId, destination }: DataOf<typeof contracts.completeTransit>,
    { tx, emit }: MeshContext,
  ): Promise<void> {
    const transit = await lockTransit(tx, transitId);
    const completion = complete(transit, destination, this.clock.now(), this.fares);
    if (completion.outcome === 'already-completed') return;

    await saveCompletion(tx, transit, completion.transit, firstCheckAt(completion.transit, this.reconciling));
    emitFollowUps(emit, completionFollowUps(completion.transit));
  }
}
