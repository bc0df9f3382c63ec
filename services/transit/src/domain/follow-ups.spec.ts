import { describe, expect, it } from 'vitest';
import { cancellationFollowUps, completionFollowUps } from './follow-ups.js';
import type { CompletedTransit, Transit } from './transit.js';

const address = { country: 'PL', city: 'Warszawa', street: 'Marszałkowska', buildingNumber: '1' };
const completed: CompletedTransit = {
  id: 't-1',
  status: 'completed',
  clientId: 'c-1',
  clientName: 'Ada Lovelace',
  driverId: 'd-1',
  pickup: address,
  destination: address,
  distanceKm: 20,
  distanceSource: 'haversine',
  tariff: 'standard',
  estimatedPrice: { amount: 2900, currency: 'PLN' },
  price: { amount: 2900, currency: 'PLN' },
  requestedAt: new Date('2021-04-16T06:30:00Z'),
  startedAt: new Date('2021-04-16T06:40:00Z'),
  completedAt: new Date('2021-04-16T07:10:00Z'),
};

describe('completionFollowUps', () => {
  it('queues the fee, the invoice, the free driver and the fact, in that order', () => {
    const price = { amount: 2900, currency: 'PLN' };
    expect(completionFollowUps(completed)).toEqual([
      {
        type: 'cabs.fees.calculate-fee',
        data: { transitId: 't-1', driverId: 'd-1', transitPrice: price, completedAt: '2021-04-16T07:10:00.000Z' },
      },
      {
        type: 'cabs.invoicing.issue-invoice',
        data: {
          transitId: 't-1',
          clientId: 'c-1',
          clientName: 'Ada Lovelace',
          gross: price,
          taxRate: { basisPoints: 800 },
        },
      },
      { type: 'cabs.drivers.free-driver', data: { driverId: 'd-1', transitId: 't-1' } },
      {
        type: 'cabs.transit.transit-completed',
        data: {
          transitId: 't-1',
          clientId: 'c-1',
          driverId: 'd-1',
          price,
          distanceKm: 20,
          tariff: 'standard',
          completedAt: '2021-04-16T07:10:00.000Z',
        },
      },
    ]);
  });
});

describe('cancellationFollowUps', () => {
  const cancelled: Transit = { ...completed, status: 'cancelled', price: null, startedAt: null, completedAt: null };

  it('frees the driver who had accepted the ride', () => {
    expect(cancellationFollowUps(cancelled)).toEqual([
      { type: 'cabs.drivers.free-driver', data: { driverId: 'd-1', transitId: 't-1' } },
    ]);
  });

  it('has nothing to do when no driver had accepted', () => {
    expect(cancellationFollowUps({ ...cancelled, driverId: null })).toEqual([]);
  });
});
