import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { WriteContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { ConfiguredFarePolicy } from '../config/fare-policy.js';
import { insertTransit, selectTransit } from '../db/transits.js';
import type { TransitRow } from '../db/transit-rows.js';
import type { Address } from '../domain/address.js';
import { requestTransit } from '../domain/transit.js';

export interface RideRequest {
  readonly clientId: string;
  readonly clientName: string;
  readonly pickup: Address;
  readonly destination: Address;
  /** Sets the tariff; now when left out. */
  readonly requestedAt?: Date;
}

/** A rider asks for a ride: its distance, tariff and estimated price are computed at once. Nobody else hears of it yet. */
@Injectable()
export class RequestTransitHandler {
  constructor(
    private readonly fares: ConfiguredFarePolicy,
    private readonly clock: Clock,
  ) {}

  /** The requested ride, as the read model shows it. */
  async handle(
    { clientId, clientName, pickup, destination, requestedAt }: RideRequest,
    { tx }: WriteContext,
  ): Promise<TransitRow> {
    const request = {
      id: randomUUID(),
      clientId,
      clientName,
      pickup,
      destination,
      requestedAt: requestedAt ?? this.clock.now(),
    };
    const transit = requestTransit(request, this.fares);
    await insertTransit(tx, transit);
    return selectTransit(tx, transit.id);
  }
}
