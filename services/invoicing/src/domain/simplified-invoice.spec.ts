import { describe, expect, it } from 'vitest';
import { assertSimplifiedInvoiceAllows } from './simplified-invoice.js';

describe('the simplified-invoice limit', () => {
  it('allows up to PLN 450.00 or EUR 100.00 gross, the limit included', () => {
    expect(() => assertSimplifiedInvoiceAllows('t-1', { amount: 45_000, currency: 'PLN' })).not.toThrow();
    expect(() => assertSimplifiedInvoiceAllows('t-1', { amount: 10_000, currency: 'EUR' })).not.toThrow();
    expect(() => assertSimplifiedInvoiceAllows('t-1', { amount: 0, currency: 'PLN' })).not.toThrow();
  });

  it('refuses for good a cent more, saying what a person must do', () => {
    expect(() => assertSimplifiedInvoiceAllows('t-1', { amount: 45_001, currency: 'PLN' })).toThrow(
      expect.objectContaining({
        code: 'above-simplified-invoice-limit',
        message:
          "Transit t-1 costs 450.01 PLN, above the 450.00 PLN a simplified invoice may state; it needs a full invoice with the buyer's address and tax id, issued by a person.",
      }),
    );
    expect(() => assertSimplifiedInvoiceAllows('t-1', { amount: 10_001, currency: 'EUR' })).toThrow(
      /above the 100\.00 EUR/,
    );
  });
});
