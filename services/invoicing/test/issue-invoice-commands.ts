import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import { issueInvoiceV2, type DataOf, type EventContract } from '@cabs/contracts';
import { Clock } from '@cabs/platform';
import { sendContractEvent, type RunningService } from '@cabs/testing';

/** The issue-invoice commands invoicing receives from transit, delivered over real HTTP as the mesh would. */

export type IssueInvoice = DataOf<typeof issueInvoiceV2>;

/** An issue-invoice (v2) for a new ride of a new client: PLN 29.00 at 8 %, unless overridden. */
export const issueInvoice = (overrides: Partial<IssueInvoice> = {}): IssueInvoice => ({
  transitId: randomUUID(),
  clientId: randomUUID(),
  clientName: 'Ada Lovelace',
  gross: { amount: 2900, currency: 'PLN' },
  taxRate: { basisPoints: 800 },
  ...overrides,
});

/** Delivers a command about its ride, as transit sends it; `id` fixes the CloudEvent id (to redeliver it). */
export function deliverIssueInvoice(
  url: string,
  data: { transitId: string },
  { id = randomUUID(), contract = issueInvoiceV2 }: { id?: string; contract?: EventContract } = {},
): Promise<Response> {
  return sendContractEvent(url, contract, data, { id, source: 'usvc://cabs/transit', subject: data.transitId });
}

/** Stops the service's clock at `iso`: a test that numbers its own year sees its sequence start at 1. */
export const setClock = (service: RunningService, iso: string) =>
  vi.spyOn(service.app.get(Clock), 'now').mockReturnValue(new Date(iso));
