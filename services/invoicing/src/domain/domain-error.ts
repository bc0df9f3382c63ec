/** A rule of the invoicing domain said no; never retryable. REST answers 422, as for any broken rule. */
export type DomainErrorCode =
  | 'invalid-invoice-number'
  /** Without the buyer's details an invoice is a simplified one, which the law caps (simplified-invoice.ts). */
  | 'above-simplified-invoice-limit';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** How the REST layer words this "no" (the status table of @cabs/platform). */
  get kind(): 'rule' {
    return 'rule';
  }
}
