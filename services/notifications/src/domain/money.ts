/** Money is an integer number of minor units (grosze) and a currency: never a float. */
export interface Money {
  readonly amount: number;
  /** ISO 4217, e.g. PLN */
  readonly currency: string;
}

/** For people: "PLN 49.98". */
export function formatMoney({ amount, currency }: Money): string {
  const sign = amount < 0 ? '-' : '';
  const minor = Math.abs(amount);
  const cents = String(minor % 100).padStart(2, '0');
  return `${sign}${currency} ${Math.floor(minor / 100)}.${cents}`;
}
