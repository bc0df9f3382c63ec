import type { Money } from './money.js';
import type { TariffName } from './tariff.js';
import type { CompletedTransit, Transit } from './transit.js';
import { PASSENGER_TRANSPORT_VAT, type VatRate } from './vat.js';

/*
 * The work a transit hands to other services, as plain data. The handler writes
 * each follow-up to the outbox in the same transaction as the transit's new state,
 * so the follow-ups are sent if and only if the change was saved.
 */

export interface CalculateFee {
  readonly type: 'cabs.fees.calculate-fee';
  readonly data: { transitId: string; driverId: string; transitPrice: Money; completedAt: string };
}

export interface IssueInvoice {
  readonly type: 'cabs.invoicing.issue-invoice';
  /** `gross` is the ride's price, which includes VAT at `taxRate`. */
  readonly data: { transitId: string; clientId: string; clientName: string; gross: Money; taxRate: VatRate };
}

export interface FreeDriver {
  readonly type: 'cabs.drivers.free-driver';
  readonly data: { driverId: string; transitId: string };
}

export interface TransitCompleted {
  readonly type: 'cabs.transit.transit-completed';
  readonly data: {
    transitId: string;
    clientId: string;
    driverId: string;
    price: Money;
    distanceKm: number;
    tariff: TariffName;
    completedAt: string;
  };
}

export type Command = CalculateFee | IssueInvoice | FreeDriver;
export type Fact = TransitCompleted;
export type FollowUp = Command | Fact;

export function calculateFee(transit: CompletedTransit): CalculateFee {
  return {
    type: 'cabs.fees.calculate-fee',
    data: {
      transitId: transit.id,
      driverId: transit.driverId,
      transitPrice: transit.price,
      completedAt: transit.completedAt.toISOString(),
    },
  };
}

export function issueInvoice(transit: CompletedTransit): IssueInvoice {
  return {
    type: 'cabs.invoicing.issue-invoice',
    data: {
      transitId: transit.id,
      clientId: transit.clientId,
      clientName: transit.clientName,
      gross: transit.price,
      taxRate: PASSENGER_TRANSPORT_VAT,
    },
  };
}

export function freeDriver(transit: Transit & { readonly driverId: string }): FreeDriver {
  return { type: 'cabs.drivers.free-driver', data: { driverId: transit.driverId, transitId: transit.id } };
}

export function transitCompleted(transit: CompletedTransit): TransitCompleted {
  return {
    type: 'cabs.transit.transit-completed',
    data: {
      transitId: transit.id,
      clientId: transit.clientId,
      driverId: transit.driverId,
      price: transit.price,
      distanceKm: transit.distanceKm,
      tariff: transit.tariff,
      completedAt: transit.completedAt.toISOString(),
    },
  };
}

/** What the old monolith did in one transaction, now queued: nothing here waits for an answer. */
export function completionFollowUps(transit: CompletedTransit): FollowUp[] {
  return [calculateFee(transit), issueInvoice(transit), freeDriver(transit), transitCompleted(transit)];
}

/** A cancelled ride releases its driver, if it had one. */
export function cancellationFollowUps(transit: Transit): FollowUp[] {
  const { driverId } = transit;
  return driverId === null ? [] : [freeDriver({ ...transit, driverId })];
}
