import { settlementSteps } from '../domain/settlement.js';
import { isCompleted } from '../domain/transit.js';
import { addressOf, settlementOf, transitOf, type AddressRow, type TransitRow } from '../db/transit-rows.js';
import type { ReadAddress, ReadTransit } from '@cabs/contracts';

export function readAddress(row: AddressRow): ReadAddress {
  return { id: row.id, ...addressOf(row) };
}

export function readTransit(row: TransitRow): ReadTransit {
  const transit = transitOf(row);
  const settlement = settlementOf(row);
  // The reconciler stops waiting (no next look) once everything is answered or a person must step in.
  const reconciling = isCompleted(transit)
    ? { steps: settlementSteps(settlement, row.nextReconcileAt !== null), reconcileRounds: row.reconcileRounds }
    : {};
  return {
    id: transit.id,
    status: transit.status,
    clientId: transit.clientId,
    clientName: transit.clientName,
    driverId: transit.driverId,
    pickup: readAddress(row.pickup),
    destination: readAddress(row.destination),
    distanceKm: transit.distanceKm,
    distanceSource: transit.distanceSource,
    tariff: transit.tariff,
    estimatedPrice: transit.estimatedPrice,
    price: transit.price,
    requestedAt: transit.requestedAt.toISOString(),
    startedAt: transit.startedAt?.toISOString() ?? null,
    completedAt: transit.completedAt?.toISOString() ?? null,
    settlement: { ...settlement, ...reconciling },
  };
}
