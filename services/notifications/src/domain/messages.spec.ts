import { describe, expect, it } from 'vitest';
import { isNotifiable, messagesFor } from './messages.js';

const pln = (amount: number) => ({ amount, currency: 'PLN' as const });

describe('messagesFor', () => {
  it('tells the client the price of a completed ride', () => {
    expect(
      messagesFor('cabs.transit.transit-completed', { transitId: 't-1', clientId: 'c-1', price: pln(2900) }),
    ).toEqual([{ recipient: 'client:c-1', kind: 'ride-completed', text: 'Your ride is complete. Price: PLN 29.00.' }]);
  });

  it('tells the client the number and amount of an issued invoice', () => {
    expect(
      messagesFor('cabs.invoicing.invoice-issued', { number: '2026/000123', clientId: 'c-1', amount: pln(2900) }),
    ).toEqual([
      { recipient: 'client:c-1', kind: 'invoice-issued', text: 'Invoice 2026/000123 for PLN 29.00 has been issued.' },
    ]);
  });

  it('tells the driver the earnings of a ride', () => {
    expect(
      messagesFor('cabs.fees.driver-fee-calculated', { transitId: 't-1', driverId: 'd-1', fee: pln(4998) }),
    ).toEqual([{ recipient: 'driver:d-1', kind: 'fee-calculated', text: 'You earned PLN 49.98 for ride t-1.' }]);
  });
});

describe('isNotifiable', () => {
  it('knows the three facts that reach people, and nothing else', () => {
    expect(isNotifiable('cabs.transit.transit-completed')).toBe(true);
    expect(isNotifiable('cabs.invoicing.invoice-issued')).toBe(true);
    expect(isNotifiable('cabs.fees.driver-fee-calculated')).toBe(true);
    expect(isNotifiable('cabs.transit.driver-assigned')).toBe(false);
    expect(isNotifiable('toString')).toBe(false);
  });
});
