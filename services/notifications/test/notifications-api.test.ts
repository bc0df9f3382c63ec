import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { sendContractEvent, serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';

describe("the query of a person's messages", () => {
  const notifications = serviceUnderTest(AppModule, { database: 'notifications' });
  const clientId = randomUUID();
  const rides = [randomUUID(), randomUUID(), randomUUID()];

  const get = async (path: string) => {
    const { status, body } = await notifications.service.http.get(path);
    return { status, body: body as unknown };
  };
  const texts = (body: unknown) => (body as { text: string }[]).map((n) => n.text);

  beforeAll(async () => {
    // One after another, so each message is newer than the one before.
    for (const [i, transitId] of rides.entries()) {
      const data = {
        invoiceId: randomUUID(),
        number: `2026/00000${i + 1}`,
        transitId,
        clientId,
        amount: { amount: 1000, currency: 'PLN' },
        issuedAt: '2026-04-16T06:51:00Z',
      };
      const res = await sendContractEvent(notifications.service.url, contracts.invoiceIssued, data, {
        source: 'usvc://cabs/invoicing',
        subject: transitId,
      });
      expect(res.status).toBe(202);
    }
  });

  it("lists a client's messages newest first, as many as asked for", async () => {
    const all = await get(`/notifications?recipient=client:${clientId}`);
    const one = await get(`/notifications?recipient=client:${clientId}&limit=1`);

    expect(all.status).toBe(200);
    expect(texts(all.body)).toEqual([3, 2, 1].map((n) => `Invoice 2026/00000${n} for PLN 10.00 has been issued.`));
    expect(all.body).toEqual(
      rides
        .map((transitId) => ({
          id: expect.any(String),
          recipient: `client:${clientId}`,
          kind: 'invoice-issued',
          text: expect.any(String),
          transitId,
          factType: contracts.invoiceIssued.type,
          createdAt: expect.any(String),
        }))
        .reverse(),
    );
    expect(texts(one.body)).toEqual(['Invoice 2026/000003 for PLN 10.00 has been issued.']);
  });

  it("keeps one person's messages from another: the driver with the same id has none", async () => {
    expect(await get(`/notifications?recipient=driver:${clientId}`)).toEqual({ status: 200, body: [] });
  });

  it('documents the query in its OpenAPI document', async () => {
    const { status, body } = await get('/openapi.json');

    expect(status).toBe(200);
    expect((body as { paths: Record<string, unknown> }).paths['/notifications']).toHaveProperty('get');
  });

  it('answers 400 when the recipient is missing', async () => {
    const { status, body } = await get('/notifications');

    expect(status).toBe(400);
    expect((body as { message: string[] }).message).toEqual(["query: missing required property 'recipient'"]);
  });

  it.each(['client', 'rider:42', `client:${clientId}:x`, 'driver:a b', ''])(
    'answers 400 naming the expected form when the recipient is "%s"',
    async (recipient) => {
      const { status, body } = await get(`/notifications?recipient=${encodeURIComponent(recipient)}`);

      expect(status).toBe(400);
      expect((body as { message: string }).message).toMatch(/is not a recipient: expected client:<id> or driver:<id>/);
    },
  );

  it.each([
    ['limit=0', /^query\/limit: must be at least 1/],
    ['limit=ten', /^query\/limit: must be an integer/],
    ['to=me', /^query\/to: unexpected property/],
  ])('answers 400 with what was wrong: %s', async (param, message) => {
    const { status, body } = await get(`/notifications?recipient=client:${clientId}&${param}`);

    expect(status).toBe(400);
    expect((body as { message: string[] }).message).toEqual([expect.stringMatching(message)]);
  });
});
