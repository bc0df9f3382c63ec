import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { DEFAULT_FEE_TERMS } from './fee-terms.js';
import { answerLegacyCalculateFee } from './legacy-fee.js';

describe('answerLegacyCalculateFee', () => {
  it('answers in cents, for the same legacy driver, by the same rules', () => {
    expect(answerLegacyCalculateFee({ 'driver-id': 7, 'transit-price': 5100 }, DEFAULT_FEE_TERMS)).toEqual({
      'driver-id': 7,
      fee: 4998,
    });
    expect(answerLegacyCalculateFee({ 'driver-id': 7, 'transit-price': 6000 }, { type: 'flat', amount: 1000 })).toEqual(
      {
        'driver-id': 7,
        fee: 5000,
      },
    );
  });

  it('refuses a price that is not whole cents', () => {
    expect(() => answerLegacyCalculateFee({ 'driver-id': 7, 'transit-price': 51.5 }, DEFAULT_FEE_TERMS)).toThrow(
      DomainError,
    );
    expect(() => answerLegacyCalculateFee({ 'driver-id': 7, 'transit-price': -100 }, DEFAULT_FEE_TERMS)).toThrow(
      /non-negative/,
    );
  });
});
