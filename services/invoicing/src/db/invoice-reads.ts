import type { Invoice } from './generated/client.js';
import type { InvoicingDatabase } from './database.js';

export interface InvoiceFilter {
  transitId?: string;
  clientId?: string;
  limit: number;
}

/** Newest first: by the moment of issue, then by number. */
export function listInvoices(db: InvoicingDatabase, { transitId, clientId, limit }: InvoiceFilter): Promise<Invoice[]> {
  return db.invoice.findMany({
    where: { transitId, clientId },
    orderBy: [{ issuedAt: 'desc' }, { year: 'desc' }, { sequence: 'desc' }],
    take: limit,
  });
}

/** Null when no invoice has this id. */
export function findInvoice(db: InvoicingDatabase, id: string): Promise<Invoice | null> {
  return db.invoice.findUnique({ where: { id } });
}
