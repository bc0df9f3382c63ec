import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts, type DataOf, type EventContract } from '@cabs/contracts';
import { sendContractEvent, serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';

interface NotificationJson {
  recipient: string;
  kind: string;
  text: string;
  transitId: string;
  factType: string;
}

const pln = (amount: number) => ({ amount, currency: 'PLN' });

describe('facts become messages to riders and drivers, exactly one per fact and recipient', () => {
  const notifications = serviceUnderTest(AppModule, { database: 'notifications' });

  const state = <C extends EventContract>(contract: C, data: DataOf<C>, source: string, id = randomUUID()) =>
    sendContractEvent(notifications.service.url, contract, data, {
      id,
      source,
      subject: (data as { transitId: string }).transitId,
    });
  const messagesTo = async (recipient: string) =>
    (await notifications.service.http.get(`/notifications?recipient=${recipient}`)).body as NotificationJson[];

  it('tells the client a ride is complete, with its price', async () => {
    const transitId = randomUUID();
    const clientId = randomUUID();
    const fact = {
      transitId,
      clientId,
      driverId: randomUUID(),
      price: pln(2900),
      distanceKm: 20,
      tariff: 'standard' as const,
      completedAt: '2026-04-16T06:50:00Z',
    };

    expect((await state(contracts.transitCompleted, fact, 'usvc://cabs/transit')).status).toBe(202);

    expect(await messagesTo(`client:${clientId}`)).toEqual([
      expect.objectContaining({
        recipient: `client:${clientId}`,
        kind: 'ride-completed',
        text: 'Your ride is complete. Price: PLN 29.00.',
        transitId,
        factType: contracts.transitCompleted.type,
      }),
    ]);
  });

  it('tells the client the number of the invoice issued', async () => {
    const transitId = randomUUID();
    const clientId = randomUUID();
    const fact = {
      invoiceId: randomUUID(),
      number: '2026/000123',
      transitId,
      clientId,
      amount: pln(2900),
      issuedAt: '2026-04-16T06:51:00Z',
    };

    expect((await state(contracts.invoiceIssued, fact, 'usvc://cabs/invoicing')).status).toBe(202);

    expect(await messagesTo(`client:${clientId}`)).toEqual([
      expect.objectContaining({
        kind: 'invoice-issued',
        text: 'Invoice 2026/000123 for PLN 29.00 has been issued.',
        transitId,
      }),
    ]);
  });

  it('tells the driver the earnings of a ride', async () => {
    const transitId = randomUUID();
    const driverId = randomUUID();
    const fact = { transitId, driverId, fee: pln(4998), transitPrice: pln(5100), completedAt: '2026-04-16T06:50:00Z' };

    expect((await state(contracts.driverFeeCalculated, fact, 'usvc://cabs/fees')).status).toBe(202);

    expect(await messagesTo(`driver:${driverId}`)).toEqual([
      expect.objectContaining({
        recipient: `driver:${driverId}`,
        kind: 'fee-calculated',
        text: `You earned PLN 49.98 for ride ${transitId}.`,
      }),
    ]);
  });

  it('tells nobody twice when a fact is delivered again, even all at once', async () => {
    const clientId = randomUUID();
    const fact = {
      transitId: randomUUID(),
      clientId,
      driverId: randomUUID(),
      price: pln(6000),
      distanceKm: 20,
      tariff: 'weekend-plus' as const,
      completedAt: '2026-04-17T17:50:00Z',
    };
    const id = randomUUID();

    const answers = await Promise.all(
      [1, 2, 3].map(() => state(contracts.transitCompleted, fact, 'usvc://cabs/transit', id)),
    );
    const later = await state(contracts.transitCompleted, fact, 'usvc://cabs/transit', id);

    expect([...answers, later].map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(await messagesTo(`client:${clientId}`)).toHaveLength(1);
  });

  it('answers 400 to a fact that breaks its contract, and tells no one', async () => {
    const driverId = randomUUID();
    const res = await state(
      contracts.driverFeeCalculated,
      { transitId: randomUUID(), driverId, fee: { amount: 12.5, currency: 'PLN' } } as never,
      'usvc://cabs/fees',
    );

    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string[] }).message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data\/fee\/amount: must be an integer/),
        "data: missing required property 'transitPrice'",
      ]),
    );
    expect(await messagesTo(`driver:${driverId}`)).toEqual([]);
  });
});
