import type { EventContract } from './define-event.js';
import { completeTransit, driverAssigned, transitCompleted, updateDestination } from './events/transit.events.js';
import { calculateFee, driverFeeCalculated } from './events/fees.events.js';
import { invoiceIssued, issueInvoice, issueInvoiceV2 } from './events/invoicing.events.js';
import { driverFeeTermsChanged, driverFreed, driverRegistered, freeDriver } from './events/drivers.events.js';
import { legacyCalculateFee, legacyDriverFee } from './events/legacy.events.js';

/** The first version of every event type, by the name the code uses for it. */
export const contracts = {
  completeTransit,
  updateDestination,
  calculateFee,
  issueInvoice,
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
 * Later versions join this list next to their predecessors (a v2 does not replace v1:
 * both stay here until v1 is removed, and removed versions stay to be remembered).
 */
const laterVersions: readonly EventContract[] = [issueInvoiceV2];

/** Every type and version, including deprecated and removed ones. */
export const allContracts: readonly EventContract[] = Object.freeze([...Object.values(contracts), ...laterVersions]);

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
