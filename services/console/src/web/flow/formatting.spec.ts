import { describe, expect, it } from 'vitest';
import { eventName, formatCountdown, formatDuration, formatMoney, shortId } from './formatting.js';

describe('formatCountdown', () => {
  it.each([
    [9_950, '10.0 s'],
    [1_401, '1.5 s'],
    [1_400, '1.4 s'],
    [1, '0.1 s'],
    [10_000, '10 s'],
    [59_000, '59 s'],
    [59_001, '1 min 00 s'],
    [60_000, '1 min 00 s'],
    [204_800, '3 min 25 s'],
    [3_600_000, '1 h 00 min'],
    [5_460_000, '1 h 31 min'],
  ])('%i ms left reads %s', (ms, text) => expect(formatCountdown(ms)).toBe(text));

  it('says "now" once the time has come, never a negative number', () => {
    expect(formatCountdown(0)).toBe('now');
    expect(formatCountdown(-2500)).toBe('now');
  });
});

describe('formatDuration', () => {
  it('reads milliseconds under a second, seconds above', () => {
    expect(formatDuration(14.4)).toBe('14 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
  });
});

describe('formatMoney', () => {
  it('reads integer minor units as the amount with its currency', () => {
    expect(formatMoney({ amount: 2900, currency: 'PLN' })).toBe('PLN 29.00');
    expect(formatMoney({ amount: 5, currency: 'PLN' })).toBe('PLN 0.05');
    expect(formatMoney({ amount: -1250, currency: 'EUR' })).toBe('EUR −12.50');
    expect(formatMoney(null)).toBe('—');
  });
});

describe('eventName', () => {
  it('names an event the way the contract does, with the service it belongs to', () => {
    expect(eventName('cabs.transit.complete-transit')).toEqual({ service: 'transit', name: 'CompleteTransit' });
    expect(eventName('cabs.fees.driver-fee-calculated')).toEqual({ service: 'fees', name: 'DriverFeeCalculated' });
    expect(eventName('com.example.other')).toEqual({ service: '', name: 'com.example.other' });
  });
});

describe('shortId', () => {
  it('keeps the first block of a UUID and anything else whole', () => {
    expect(shortId('3f1d2c3b-8a8e-4f57-9d43-7c1e6b7f0a01')).toBe('3f1d2c3b');
    expect(shortId('driver-7')).toBe('driver-7');
  });
});
