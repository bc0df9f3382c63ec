import type { SqlClient } from '@cabs/platform';

/** An invoice as issued; amounts in minor units of `currency`, gross = net + tax. */
export interface IssuedInvoice {
  readonly id: string;
  /** YYYY/NNNNNN, as printed. */
  readonly number: string;
  readonly year: number;
  readonly sequence: number;
  readonly transitId: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly gross: number;
  readonly net: number;
  readonly tax: number;
  readonly taxRateBasisPoints: number;
  readonly currency: string;
  readonly issuedAt: Date;
}

export async function insertInvoice(tx: SqlClient, invoice: IssuedInvoice): Promise<void> {
  await tx.execute(
    // The gross keeps the column's first name, "amount" (see the schema).
    `INSERT INTO invoices (id, number, year, sequence, transit_id, client_id, client_name, amount, net, tax, tax_rate_bp, currency, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      invoice.id,
      invoice.number,
      invoice.year,
      invoice.sequence,
      invoice.transitId,
      invoice.clientId,
      invoice.clientName,
      invoice.gross,
      invoice.net,
      invoice.tax,
      invoice.taxRateBasisPoints,
      invoice.currency,
      invoice.issuedAt,
    ],
  );
}
