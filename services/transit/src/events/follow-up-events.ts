import { contracts, issueInvoiceV2, type EventContract } from '@cabs/contracts';
import type { OutboxEntry } from '@cabs/mesh';
import type { FollowUp } from '../domain/follow-ups.js';

/** The contract each kind of follow-up travels under. */
const CONTRACTS: Readonly<Record<FollowUp['type'], EventContract>> = {
  'cabs.fees.calculate-fee': contracts.calculateFee,
  'cabs.invoicing.issue-invoice': issueInvoiceV2,
  'cabs.drivers.free-driver': contracts.freeDriver,
  'cabs.transit.transit-completed': contracts.transitCompleted,
};

/** The domain's follow-ups as outbox entries, each about its ride: the subject is the transit id. */
export function followUpEvents(followUps: readonly FollowUp[]): OutboxEntry[] {
  return followUps.map(({ type, data }) => ({ contract: CONTRACTS[type], data, subject: data.transitId }));
}
