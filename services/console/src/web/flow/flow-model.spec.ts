import { describe, expect, it } from 'vitest';
import type { MeshActivity } from '../../shared/console-api.js';
import {
  applyActivity,
  applyTrace,
  emptyFlow,
  flowFrom,
  groupState,
  MAX_GROUPS,
  subjectKind,
  traceOf,
} from './flow-model.js';

const ride = 'c0ffee00-0000-4000-8000-000000000001';
let clock = Date.parse('2026-03-01T10:00:00Z');
const at = () => new Date((clock += 10)).toISOString();

const accepted = (eventId: string, type: string, triggers: string[], subject: string | null = ride): MeshActivity => ({
  kind: 'event.accepted',
  at: at(),
  eventId,
  type,
  source: 'usvc://cabs/transit',
  id: `ce-${eventId}`,
  subject: subject ?? undefined,
  triggers,
});
const delivery = (
  kind: MeshActivity['kind'],
  eventId: string,
  trigger: string,
  extra: Partial<MeshActivity> = {},
): MeshActivity => ({
  kind,
  at: at(),
  eventId,
  deliveryId: `${eventId}-${trigger}`,
  trigger,
  type: 'cabs.invoicing.issue-invoice',
  subject: ride,
  maxAttempts: 11,
  ...extra,
});

describe('the flow of a ride', () => {
  it('groups a ride’s events under its subject, in the order they entered the mesh, each with its Triggers queued', () => {
    const flow = flowFrom([
      accepted('1', 'cabs.transit.complete-transit', ['transit-complete-transit']),
      accepted('2', 'cabs.invoicing.issue-invoice', ['invoicing-issue-invoice']),
      accepted('3', 'cabs.drivers.driver-registered', ['fees-driver-registered'], 'driver-7'),
    ]);
    expect(flow.groups.map((g) => g.key)).toEqual(['driver-7', ride]);
    const [, rideGroup] = flow.groups;
    expect(rideGroup.events.map((e) => e.type)).toEqual([
      'cabs.transit.complete-transit',
      'cabs.invoicing.issue-invoice',
    ]);
    expect(rideGroup.events[1].deliveries).toEqual([
      { trigger: 'invoicing-issue-invoice', state: 'queued', attempt: 0 },
    ]);
    expect(groupState(rideGroup)).toBe('in-progress');
  });

  it('follows a delivery through failed attempts and retries to delivered', () => {
    let flow = flowFrom([accepted('2', 'cabs.invoicing.issue-invoice', ['invoicing-issue-invoice'])]);
    flow = applyActivity(flow, delivery('delivery.attempted', '2', 'invoicing-issue-invoice', { attempt: 1 }));
    expect(flow.groups[0].events[0].deliveries[0]).toMatchObject({ state: 'sending', attempt: 1, maxAttempts: 11 });

    const next = '2026-03-01T10:00:05.000Z';
    flow = applyActivity(
      flow,
      delivery('delivery.retry-scheduled', '2', 'invoicing-issue-invoice', {
        attempt: 1,
        status: null,
        error: 'connection refused',
        nextAttemptAt: next,
      }),
    );
    expect(flow.groups[0].events[0].deliveries[0]).toMatchObject({
      state: 'retrying',
      attempt: 1,
      error: 'connection refused',
      nextAttemptAt: next,
    });
    expect(groupState(flow.groups[0])).toBe('retrying');

    flow = applyActivity(flow, delivery('delivery.attempted', '2', 'invoicing-issue-invoice', { attempt: 2 }));
    flow = applyActivity(
      flow,
      delivery('delivery.succeeded', '2', 'invoicing-issue-invoice', { attempt: 2, status: 202, durationMs: 14 }),
    );
    expect(flow.groups[0].events[0].deliveries[0]).toMatchObject({
      state: 'delivered',
      attempt: 2,
      status: 202,
      durationMs: 14,
      error: null,
      nextAttemptAt: undefined,
    });
    expect(groupState(flow.groups[0])).toBe('settled');
  });

  it('marks a delivery dead, then queued again when it is redriven (the redrive names only the delivery)', () => {
    let flow = flowFrom([
      accepted('2', 'cabs.invoicing.issue-invoice', ['invoicing-issue-invoice']),
      delivery('delivery.attempted', '2', 'invoicing-issue-invoice', { attempt: 3 }),
      delivery('delivery.dead-lettered', '2', 'invoicing-issue-invoice', {
        attempt: 3,
        status: 503,
        error: 'HTTP 503',
      }),
      delivery('dead-letter.kept', '2', 'invoicing-issue-invoice', { deadLetter: 'local' }),
    ]);
    expect(flow.groups[0].events[0].deliveries[0]).toMatchObject({ state: 'dead', status: 503, deadLetter: 'local' });
    expect(groupState(flow.groups[0])).toBe('dead');

    flow = applyActivity(flow, { kind: 'delivery.redriven', at: at(), deliveryId: '2-invoicing-issue-invoice' });
    expect(flow.groups[0].events[0].deliveries[0]).toMatchObject({ state: 'queued', redriven: true });
  });

  it('shows a delivery whose acceptance it never saw, and keeps it when the acceptance arrives late', () => {
    let flow = applyActivity(
      emptyFlow(),
      delivery('delivery.attempted', '5', 'invoicing-issue-invoice', { attempt: 4 }),
    );
    expect(flow.groups[0].events[0]).toMatchObject({
      type: 'cabs.invoicing.issue-invoice',
      deliveries: [{ state: 'sending', attempt: 4 }],
    });
    flow = applyActivity(
      flow,
      accepted('5', 'cabs.invoicing.issue-invoice', ['invoicing-issue-invoice', 'audit-everything']),
    );
    expect(flow.groups[0].events[0].deliveries.map((d) => [d.trigger, d.state])).toEqual([
      ['invoicing-issue-invoice', 'sending'],
      ['audit-everything', 'queued'],
    ]);
  });

  it('brings a subject to the top when a new event of it arrives, but not for delivery news', () => {
    let flow = flowFrom([
      accepted('1', 'cabs.transit.driver-assigned', ['drivers-driver-assigned'], 'ride-a'),
      accepted('2', 'cabs.transit.driver-assigned', [], 'ride-b'),
    ]);
    expect(flow.groups.map((g) => g.key)).toEqual(['ride-b', 'ride-a']);
    flow = applyActivity(flow, {
      ...delivery('delivery.succeeded', '1', 'drivers-driver-assigned'),
      subject: 'ride-a',
    });
    expect(flow.groups.map((g) => g.key)).toEqual(['ride-b', 'ride-a']);
    flow = applyActivity(flow, accepted('3', 'cabs.transit.complete-transit', [], 'ride-a'));
    expect(flow.groups.map((g) => g.key)).toEqual(['ride-a', 'ride-b']);
  });

  it('names a subject after what its events are about: a ride, a driver, or neither', () => {
    const flow = flowFrom([
      accepted('1', 'cabs.drivers.driver-registered', [], 'driver-1'),
      accepted('2', 'cabs.fees.calculate-fee', [], 'ride-1'),
      accepted('3', 'cabs.transit.transit-completed', [], 'ride-1'),
      accepted('4', 'cabs.test.ping', [], 'other'),
    ]);
    expect(Object.fromEntries(flow.groups.map((g) => [g.key, subjectKind(g)]))).toEqual({
      'driver-1': 'Driver',
      'ride-1': 'Ride',
      other: 'Subject',
    });
  });

  it('gives an event without a subject a group of its own', () => {
    const flow = flowFrom([accepted('8', 'cabs.test.ping', [], null), accepted('9', 'cabs.test.ping', [], null)]);
    expect(flow.groups.map((g) => g.key)).toEqual(['event:9', 'event:8']);
  });

  it('links events to their traces, whether the trace or the event is known first', () => {
    let flow = flowFrom(
      [accepted('1', 'cabs.transit.complete-transit', [])],
      [{ eventId: '2', traceId: 'a'.repeat(32) }],
    );
    expect(traceOf(flow.groups[0])).toBeUndefined();
    flow = applyActivity(flow, accepted('2', 'cabs.transit.transit-completed', []));
    expect(traceOf(flow.groups[0])).toBe('a'.repeat(32));
    flow = applyTrace(flow, { eventId: '1', traceId: 'b'.repeat(32) });
    expect(flow.groups[0].events.map((e) => e.traceId)).toEqual(['b'.repeat(32), 'a'.repeat(32)]);
  });

  it(`keeps the newest ${MAX_GROUPS} subjects`, () => {
    const flow = flowFrom(
      Array.from({ length: MAX_GROUPS + 5 }, (_, i) =>
        accepted(String(i), 'cabs.transit.complete-transit', [], `ride-${i}`),
      ),
    );
    expect(flow.groups).toHaveLength(MAX_GROUPS);
    expect(flow.groups[0].key).toBe(`ride-${MAX_GROUPS + 4}`);
  });

  it('ignores activity it cannot place', () => {
    const state = emptyFlow();
    expect(applyActivity(state, { kind: 'delivery.redriven', at: at(), deliveryId: '404' })).toBe(state);
    expect(applyActivity(state, { kind: 'delivery.attempted', at: at() })).toBe(state);
  });
});
