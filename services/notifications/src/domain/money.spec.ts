import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.js';

describe('formatMoney', () => {
  it.each([
    [4998, 'PLN 49.98'],
    [2900, 'PLN 29.00'],
    [7, 'PLN 0.07'],
    [0, 'PLN 0.00'],
    [123456789, 'PLN 1234567.89'],
    [-150, '-PLN 1.50'],
  ])('%i → %s', (amount, text) => {
    expect(formatMoney({ amount, currency: 'PLN' })).toBe(text);
  });
});
