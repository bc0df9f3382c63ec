import { DomainError } from './domain-error.js';

/**
 * The invoices issued here name the buyer only by display name: a ride carries no billing address or tax id.
 * Polish VAT law (art. 106e(5)(3) of the VAT Act) allows an invoice without the buyer's details only as a
 * simplified invoice, for at most PLN 450 or EUR 100 gross. A dearer ride needs a full invoice, which a person
 * issues with the client's details; issuing it here would be unlawful, so the command is refused for good.
 */
export const SIMPLIFIED_INVOICE_LIMITS: Readonly<Record<string, number>> = { PLN: 45_000, EUR: 10_000 };

export function assertSimplifiedInvoiceAllows(transitId: string, gross: { amount: number; currency: string }): void {
  const limit = SIMPLIFIED_INVOICE_LIMITS[gross.currency];
  if (limit === undefined || gross.amount <= limit) return;
  throw new DomainError(
    'above-simplified-invoice-limit',
    `Transit ${transitId} costs ${majorUnits(gross.amount)} ${gross.currency}, above the ${majorUnits(limit)} ${gross.currency} ` +
      `a simplified invoice may state; it needs a full invoice with the buyer's address and tax id, issued by a person.`,
  );
}

const majorUnits = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
