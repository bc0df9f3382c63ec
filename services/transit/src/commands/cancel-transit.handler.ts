import { Injectable } from '@nestjs/common';
import type { WriteContext } from '@cabs/mesh';
import { lockTransit, saveTransit, selectTransit } from '../db/transits.js';
import type { TransitRow } from '../db/transit-rows.js';
import { cancellationFollowUps } from '../domain/follow-ups.js';
import { cancel } from '../domain/transit.js';
import { emitFollowUps } from '../events/follow-up-events.js';

/** The ride is called off before it starts; its driver, if any, is freed (free-driver). */
@Injectable()
export class CancelTransitHandler {
  /** The ride as the read model shows it now. */
  async handle({ transitId }: { transitId: string }, { tx, emit }: WriteContext): Promise<TransitRow> {
    const transit = await lockTransit(tx, transitId);
    const cancelled = cancel(transit);
    await saveTransit(tx, transit, cancelled);
    emitFollowUps(emit, cancellationFollowUps(cancelled));
    return selectTransit(tx, transitId);
  }
}
