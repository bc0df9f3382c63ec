import { contracts, type EventContract } from '@cabs/contracts';
import type { WriteContext } from '@cabs/mesh';
import type { FollowUp } from '../domain/follow-ups.js';

/** The contract each kind of follow-up travels under. */
const CONTRACTS: Readonly<Record<FollowUp['type'], EventContract>> = {
  'cabs.fees.calculate-fee': contracts.calculateFee,
  'cabs.invoicing.issue-invoice': contracts.issueInvoice,
  'cabs.drivers.free-driver': contracts.freeDriver,
  'cabs.transit.transit-completed': contracts.transitCompleted,
};

export interface FollowUpEvent {
  contract: EventContract;
  data: FollowUp['data'];
  subject: string;
}

/** The domain's follow-ups as events, each about its ride: the subject is the transit id. */
export function followUpEvents(followUps: readonly FollowUp[]): FollowUpEvent[] {
  return followUps.map(({ type, data }) => ({ contract: CONTRACTS[type], data, subject: data.transitId }));
}

/** Queues the follow-ups in the write's outbox. */
export function emitFollowUps(emit: WriteContext['emit'], followUps: readonly FollowUp[]): void {
  for (const { contract, data, subject } of followUpEvents(followUps)) emit(contract, data as never, { subject });
}
