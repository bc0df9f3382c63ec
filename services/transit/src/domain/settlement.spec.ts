import { describe, expect, it } from 'vitest';
import { HaversineDistance } from './distance.js';
import type { FarePolicy } from './fare.js';
import {
  reconcile,
  SETTLEMENT_AT_COMPLETION,
  SETTLEMENT_STEPS,
  settlementSteps,
  type ReconcilePolicy,
  type Settlement,
  type SettlementProgress,
} from './settlement.js';
import { accept, complete, requestTransit, start } from './transit.js';

const MINUTE = 60_000;
const fares: FarePolicy = { distances: new HaversineDistance(), timeZone: 'Europe/Warsaw' };
const policy: ReconcilePolicy = { gracePeriodMs: 5 * MINUTE, maxRounds: 3, backoffMs: 10 * MINUTE };

const address = { country: 'PL', city: 'Warszawa', street: 'Marszałkowska', buildingNumber: '1' };
const completedAt = new Date('2021-04-16T07:10:00Z');
const transit = complete(
  start(
    accept(
      requestTransit(
        {
          id: 't-1',
          clientId: 'c-1',
          clientName: 'Ada',
          pickup: address,
          destination: address,
          requestedAt: new Date('2021-04-16T06:30:00Z'),
        },
        fares,
      ),
      'd-1',
    ),
    new Date('2021-04-16T06:40:00Z'),
  ),
  address,
  completedAt,
  fares,
).transit;

const minutesAfterCompletion = (minutes: number): Date => new Date(completedAt.getTime() + minutes * MINUTE);
const progress = (settlement: Settlement, rounds = 0, lastRoundAt: Date | null = null): SettlementProgress => ({
  transit,
  settlement,
  rounds,
  lastRoundAt,
});
const settled: Settlement = {
  fee: { amount: 4998, currency: 'PLN' },
  invoice: { id: 'i-1', number: '2021/000001' },
  driverFreed: true,
};
const feeMissing: Settlement = { ...settled, fee: null };

describe('reconcile', () => {
  it('has nothing to do for a settled ride', () => {
    expect(reconcile(progress(settled), minutesAfterCompletion(60), policy)).toEqual({
      outcome: 'settled',
      steps: { fee: 'done', invoice: 'done', driverFreed: 'done' },
      reissue: [],
      nextCheckAt: null,
    });
  });

  it('waits out the grace period before asking again', () => {
    expect(reconcile(progress(SETTLEMENT_AT_COMPLETION), minutesAfterCompletion(4), policy)).toEqual({
      outcome: 'waiting',
      steps: { fee: 'pending', invoice: 'pending', driverFreed: 'pending' },
      reissue: [],
      nextCheckAt: minutesAfterCompletion(5),
    });
  });

  it('after the grace period re-issues only the commands still unanswered', () => {
    const decision = reconcile(progress(feeMissing), minutesAfterCompletion(5), policy);
    expect(decision.outcome).toBe('reissued');
    expect(decision.steps).toEqual({ fee: 'pending', invoice: 'done', driverFreed: 'done' });
    expect(decision.reissue).toEqual([
      {
        type: 'cabs.fees.calculate-fee',
        data: {
          transitId: 't-1',
          driverId: 'd-1',
          transitPrice: transit.price,
          completedAt: '2021-04-16T07:10:00.000Z',
        },
      },
    ]);
    expect(decision.nextCheckAt).toEqual(minutesAfterCompletion(15));
  });

  it('re-issues every unanswered command of the ride in one round', () => {
    const decision = reconcile(progress(SETTLEMENT_AT_COMPLETION), minutesAfterCompletion(6), policy);
    expect(decision.reissue).toEqual([
      { type: 'cabs.fees.calculate-fee', data: expect.objectContaining({ transitId: 't-1' }) },
      { type: 'cabs.invoicing.issue-invoice', data: expect.objectContaining({ transitId: 't-1' }) },
      { type: 'cabs.drivers.free-driver', data: { driverId: 'd-1', transitId: 't-1' } },
    ]);
    // The backoff counts from the round, not from when it was due.
    expect(decision.nextCheckAt).toEqual(minutesAfterCompletion(16));
  });

  it('doubles the wait after each round, counted from the last round', () => {
    // round 1 at +5 min → round 2 due 10 min later
    expect(
      reconcile(progress(feeMissing, 1, minutesAfterCompletion(5)), minutesAfterCompletion(14), policy).reissue,
    ).toEqual([]);
    const second = reconcile(progress(feeMissing, 1, minutesAfterCompletion(5)), minutesAfterCompletion(15), policy);
    expect(second.reissue).toHaveLength(1);
    expect(second.nextCheckAt).toEqual(minutesAfterCompletion(35));
    // round 2 at +15 min → round 3 due 20 min later
    expect(
      reconcile(progress(feeMissing, 2, minutesAfterCompletion(15)), minutesAfterCompletion(34), policy).nextCheckAt,
    ).toEqual(minutesAfterCompletion(35));
    expect(
      reconcile(progress(feeMissing, 2, minutesAfterCompletion(15)), minutesAfterCompletion(35), policy).reissue,
    ).toHaveLength(1);
  });

  it('gives the last round its full wait, then asks a person to look', () => {
    // round 3 at +35 min waits 40 min
    const waiting = reconcile(progress(feeMissing, 3, minutesAfterCompletion(35)), minutesAfterCompletion(74), policy);
    expect(waiting).toMatchObject({
      outcome: 'waiting',
      steps: { fee: 'pending' },
      reissue: [],
      nextCheckAt: minutesAfterCompletion(75),
    });

    expect(reconcile(progress(feeMissing, 3, minutesAfterCompletion(35)), minutesAfterCompletion(75), policy)).toEqual({
      outcome: 'needs-attention',
      steps: { fee: 'needs-attention', invoice: 'done', driverFreed: 'done' },
      reissue: [],
      nextCheckAt: null,
    });
  });

  it('with no rounds allowed, marks a ride unsettled after the grace period at once', () => {
    const decision = reconcile(progress(SETTLEMENT_AT_COMPLETION), minutesAfterCompletion(5), {
      ...policy,
      maxRounds: 0,
    });
    expect(decision.steps).toEqual({
      fee: 'needs-attention',
      invoice: 'needs-attention',
      driverFreed: 'needs-attention',
    });
  });

  it('asks drivers again to free the driver until it says the driver is free', () => {
    const awaitingDriverFreed: Settlement = { ...settled, driverFreed: false };
    expect(reconcile(progress(awaitingDriverFreed), minutesAfterCompletion(5), policy).reissue).toEqual([
      { type: 'cabs.drivers.free-driver', data: { driverId: 'd-1', transitId: 't-1' } },
    ]);
  });

  it('takes its steps as data', () => {
    const awaitingDriverFreed: Settlement = { ...settled, driverFreed: false };
    const feeOnly = SETTLEMENT_STEPS.filter((step) => step.name === 'fee');
    expect(reconcile(progress(awaitingDriverFreed), minutesAfterCompletion(5), policy, feeOnly)).toEqual({
      outcome: 'settled',
      steps: { fee: 'done' },
      reissue: [],
      nextCheckAt: null,
    });
  });
});

describe('settlementSteps, for the read model', () => {
  it('shows each answer as done once it arrived, and the others as pending while the reconciler waits', () => {
    expect(settlementSteps(SETTLEMENT_AT_COMPLETION, true)).toEqual({
      fee: 'pending',
      invoice: 'pending',
      driverFreed: 'pending',
    });
    expect(settlementSteps(feeMissing, true)).toEqual({ fee: 'pending', invoice: 'done', driverFreed: 'done' });
    expect(settlementSteps(settled, true)).toEqual({ fee: 'done', invoice: 'done', driverFreed: 'done' });
  });

  it('shows unanswered steps as needing a person once the reconciler stopped asking', () => {
    expect(settlementSteps(feeMissing, false)).toEqual({
      fee: 'needs-attention',
      invoice: 'done',
      driverFreed: 'done',
    });
    expect(settlementSteps(settled, false)).toEqual({ fee: 'done', invoice: 'done', driverFreed: 'done' });
  });
});
