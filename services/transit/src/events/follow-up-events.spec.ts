import { describe, expect, it } from 'vitest';
import { validateData } from '@cabs/contracts';
import { HaversineDistance } from '../domain/distance.js';
import { cancellationFollowUps, completionFollowUps } from '../domain/follow-ups.js';
import { accept, complete, requestTransit, start } from '../domain/transit.js';
import { followUpEvents } from './follow-up-events.js';

const fares = { distances: new HaversineDistance(), timeZone: 'Europe/Warsaw' };
const warsaw = {
  country: 'PL',
  city: 'Warszawa',
  street: 'Marszałkowska',
  buildingNumber: '1',
  lat: 52.2297,
  lon: 21.0122,
};
const requested = requestTransit(
  {
    id: '6f1c2b9e-3d4a-4e8b-9c1f-2a6d5e4b3c21',
    clientId: '0b7d6c5e-4f3a-4b2c-8d1e-9f8a7b6c5d4e',
    clientName: 'Ada Lovelace',
    pickup: warsaw,
    destination: { ...warsaw, street: 'Puławska', buildingNumber: '12A', lat: 52.18, lon: 21.02 },
    requestedAt: new Date('2021-04-16T06:30:00Z'),
  },
  fares,
);
const assigned = accept(requested, '3f2b8c1e-7d4a-4b8e-9c1f-2a6d5e4b3c21');
const completed = complete(
  start(assigned, new Date('2021-04-16T06:40:00Z')),
  requested.destination,
  new Date('2021-04-16T07:10:00Z'),
  fares,
);

describe('follow-ups as events', () => {
  it('gives every follow-up of a completion the current version of its contract, with data it accepts, about the ride', () => {
    const events = followUpEvents(completionFollowUps(completed.transit));
    expect(events.map((e) => `${e.contract.type} v${e.contract.version}`)).toEqual([
      'cabs.fees.calculate-fee v1',
      'cabs.invoicing.issue-invoice v2',
      'cabs.drivers.free-driver v1',
      'cabs.transit.transit-completed v1',
    ]);
    for (const event of events) {
      expect(event.contract.status).toBe('current');
      expect(validateData(event.contract, event.data)).toMatchObject({ ok: true });
      expect(event.subject).toBe(requested.id);
    }
  });

  it('frees the driver of a cancelled ride with a valid free-driver command', () => {
    const [freeDriver] = followUpEvents(cancellationFollowUps(assigned));
    expect(freeDriver.contract.type).toBe('cabs.drivers.free-driver');
    expect(validateData(freeDriver.contract, freeDriver.data)).toMatchObject({ ok: true });
  });
});
