import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { EventSink, sendEvent, waitFor } from '@cabs/testing';
import { BrokerAdminClient, requestJson } from '@cabs/client';
import { startTestSystem, type TestSystem } from './support/test-system.js';

/**
 * The upstream demo's legacy app (cabs-usvc) keeps working unchanged with this system, through the broker: it
 * asks for a driver's fee with its own `cabs.drivers.calculate-fee`, and the `cabs.drivers.driver-fee` answer comes
 * back to it as a delivery of the `legacy-driver-fee` Trigger. A real HTTP server stands in for the legacy app,
 * reached by the broker as its Knative Service `legacy` would be.
 */
describe('the legacy app asking for a fee through the mesh', () => {
  let legacy: EventSink;
  let system: TestSystem;
  const url = (service: 'drivers' | 'fees', path: string) => `http://127.0.0.1:${system.ports[service]}${path}`;
  const broker = () => new BrokerAdminClient(`http://127.0.0.1:${system.ports.brokerAdmin}`);

  beforeAll(async () => {
    legacy = await EventSink.start();
    legacy.respondWith(200);
    system = await startTestSystem({ subscribers: { legacy: legacy.url } });
  });
  afterAll(async () => {
    await system?.stop();
    await legacy?.close();
  });

  it('answers cabs.drivers.calculate-fee, sent as the legacy app sends it, with cabs.drivers.driver-fee delivered to the legacy app', async () => {
    onTestFailed(() => console.log(system.logs.slice(-100).join('\n')));
    // A driver the legacy app knows by its numeric id; fees learns it from the drivers' driver-registered fact.
    const legacyId = 100_000 + Math.floor(Math.random() * 900_000);
    const driver = await requestJson<{ id: string }>('POST', url('drivers', '/drivers'), {
      firstName: 'Grace',
      lastName: 'Hopper',
      licenseNumber: 'HOPPE812096GM9AB',
      feeTerms: { type: 'flat', amount: 1000 },
      legacyId,
    });
    await waitFor('the fees projection to know the driver', () =>
      requestJson('GET', url('fees', `/drivers/${driver.id}/fee-terms`)).catch(() => undefined),
    );

    // Exactly what the legacy app's CloudEventBuilder makes: a new id, its own source, the ride request's UUID as
    // subject, a time with an offset, kebab-case data in integer cents, no dataschema; binary mode.
    const rideRequest = randomUUID();
    const asked = await sendEvent(`http://127.0.0.1:${system.ports.broker}/cabs/default`, {
      id: randomUUID(),
      source: 'usvc://cabs/legacy',
      type: 'cabs.drivers.calculate-fee',
      subject: rideRequest,
      time: '2026-03-14T15:09:26.535+01:00',
      data: { 'driver-id': legacyId, 'transit-price': 6000 },
    });
    expect(asked.status).toBe(202);

    const [answer] = await legacy.waitForEvents(1, 'cabs.drivers.driver-fee', 30_000);
    // The drivers service the legacy app used to call answers, about the same ride, in the legacy app's words.
    expect(answer).toMatchObject({
      source: 'usvc://cabs/drivers',
      subject: rideRequest,
      data: { 'driver-id': legacyId, fee: 5000 },
    });
    expect(legacy.received[0].headers).toMatchObject({ 'kn-namespace': 'cabs', prefer: 'reply' });
    const deliveries = await broker().deliveries({ type: 'cabs.drivers.driver-fee' });
    expect(deliveries).toEqual([
      expect.objectContaining({
        trigger: 'legacy-driver-fee',
        state: 'delivered',
        event: expect.objectContaining({ id: answer.id }),
      }),
    ]);
  });
});
