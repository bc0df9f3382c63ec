import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { money, transitPrice } from './money.js';

describe('transitPrice', () => {
  it('takes a price in the settlement currency', () => {
    expect(transitPrice({ amount: 5100, currency: 'PLN' })).toEqual(money(5100));
  });

  it('refuses a price in another currency, which would be summed with zlotys', () => {
    expect(() => transitPrice({ amount: 5100, currency: 'EUR' })).toThrow(DomainError);
    expect(() => transitPrice({ amount: 5100, currency: 'EUR' })).toThrow(
      'Fees are settled in PLN; a transit priced in EUR cannot be settled.',
    );
  });
});
