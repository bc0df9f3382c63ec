/** A VAT rate in basis points of the net price: 800 = 8 %. */
export interface VatRate {
  readonly basisPoints: number;
}

/**
 * The VAT every ride's price includes: Polish VAT on passenger transport, the reduced 8 %. What was sold decides the
 * rate, and transit sold it, so transit names the rate with each invoice it asks for; invoicing splits the price into
 * net and tax (docs/decisions/0010). Should the rate change, it changes from a date: choose it by `completedAt` then.
 */
export const PASSENGER_TRANSPORT_VAT: VatRate = Object.freeze({ basisPoints: 800 });
