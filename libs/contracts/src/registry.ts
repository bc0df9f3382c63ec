import type { EventContract } from './define-event.js';
import { completeTransit, driverAssigned, transitCompleted, updateDestination } from './events/transit.events.js';
import { calculateFee, driverFeeCalculated } from './events/fees.events.js';
import { invoiceIssued, issueInvoiceV1, issueInvoiceV2 } from './events/invoicing.events.js';
import { driverFeeTermsChanged, driverFreed, driverRegistered, freeDriver } from './events/drivers.events.js';
import { legacyCalculateFee, legacyDriverFee } from './events/legacy.events.js';

/** The current version of every event type, by the name the code uses for it: what a sender sends. */
export const contracts = {
  completeTransit,
  updateDestination,
  calculateFee,
  issueInvoice: issueInvoiceV2,
  freeDriver,
  driverAssigned,
  transitCompleted,
  driverFeeCalculated,
  invoiceIssued,
  driverFreed,
  driverRegistered,
  driverFeeTermsChanged,
  legacyCalculateFee,
  legacyDriverFee,
} as const;

/**
 * The versions a newer one has replaced in `contracts`: deprecated ones, still handled until none is left in the mesh,
 * and removed ones, kept so the catalogue and the compatibility guard remember them. A handler of a deprecated
 * version names it explicitly (`issueInvoiceV1`).
 */
const earlierVersions: readonly EventContract[] = [issueInvoiceV1];

/** Every type and version, including deprecated and removed ones. */
export const allContracts: readonly EventContract[] = Object.freeze([...Object.values(contracts), ...earlierVersions]);

assertUnique(allContracts);

/** All versions of one type, oldest first. */
export function contractsOfType(type: string): EventContract[] {
  return allContracts.filter((c) => c.type === type).sort((a, b) => a.version - b.version);
}

/**
 * The contract of an incoming event. With `dataschema` it is that exact version (removed ones
 * included, so the caller can say so); without it, the newest current version, or else the newest deprecated one.
 */
export function findContract(type: string, dataschema?: string): EventContract | undefined {
  const versions = contractsOfType(type);
  if (dataschema !== undefined) return versions.find((c) => c.dataschema === dataschema);
  const newest = (status: EventContract['status']) => versions.filter((c) => c.status === status).at(-1);
  return newest('current') ?? newest('deprecated');
}

function assertUnique(list: readonly EventContract[]): void {
  const seen = new Set<string>();
  for (const c of list) {
    for (const key of [`${c.type} v${c.version}`, c.dataschema]) {
      if (seen.has(key)) throw new Error(`Event contract ${key} is declared twice`);
      seen.add(key);
    }
  }
}
