import { requestJson, type Invoice, type Transit } from '@cabs/client';
import type { SystemPorts } from '@cabs/devstack';
import { inParallel } from './fleet.js';

export interface Audit {
  /** Rides transit holds as completed. */
  completed: number;
  /** Completed, but with no invoice: the customer is never billed. */
  notInvoiced: number;
  /** More than one invoice for one ride. */
  invoicedTwice: number;
}

/** Counts, through the services' own APIs, what became of each ride: completed? how many invoices? */
export async function auditRides(ports: SystemPorts, rideIds: readonly string[]): Promise<Audit> {
  const audit: Audit = { completed: 0, notInvoiced: 0, invoicedTwice: 0 };
  await inParallel(rideIds.length, 8, async (i) => {
    const id = rideIds[i];
    const [transit, invoices] = await Promise.all([
      requestJson<Transit>('GET', `http://127.0.0.1:${ports.transit}/transits/${id}`),
      requestJson<Invoice[]>('GET', `http://127.0.0.1:${ports.invoicing}/invoices?transitId=${id}`),
    ]);
    if (transit.status === 'completed') audit.completed++;
    if (transit.status === 'completed' && invoices.length === 0) audit.notInvoiced++;
    if (invoices.length > 1) audit.invoicedTwice++;
  });
  return audit;
}
