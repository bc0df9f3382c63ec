import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerDoc, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type TestSubscriber } from './support/subscriber.js';
import { eventually, startTestBroker, type TestBroker } from './support/test-broker.js';

const V1 = 'urn:cabs:schema:cabs.invoicing.issue-invoice:v1';

/**
 * `GET /drain` answers whether a schema version can be retired: only once no event of it can still reach a subscriber.
 * A dead letter can (a redrive sends it again), so it keeps the version from being drained, kept locally or sent to a sink.
 */
describe('drain', () => {
  let invoicing: TestSubscriber;
  let deadLetters: TestSubscriber;
  let broker: TestBroker;
  let invoicingUp = false;

  const drain = async (type: string, dataschema = V1) =>
    (
      await broker.admin<Record<string, unknown>>(
        `/drain?type=${encodeURIComponent(type)}&dataschema=${encodeURIComponent(dataschema)}`,
      )
    ).body;

  beforeAll(async () => {
    // A 422 is not retried: the delivery is dead at once.
    invoicing = await startSubscriber(() => (invoicingUp ? { status: 202 } : { status: 422 }));
    deadLetters = await startSubscriber();
    broker = await startTestBroker(
      meshYaml(
        brokerDoc({ retry: 0 }),
        triggerDoc('kept', { filter: { attributes: { type: 'cabs.test.kept' } }, subscriber: { uri: invoicing.url } }),
        triggerDoc('sunk', {
          filter: { attributes: { type: 'cabs.test.sunk' } },
          subscriber: { uri: invoicing.url },
          delivery: { deadLetterSink: { uri: deadLetters.url } },
        }),
      ),
    );
  });
  afterAll(async () => {
    await broker?.close();
    await Promise.all([invoicing, deadLetters].map((s) => s?.close()));
  });

  it.each([
    ['kept in the local dead-letter store', 'cabs.test.kept', 'local'],
    ['handed to the dead-letter sink', 'cabs.test.sunk', 'sink'],
  ])('counts a dead letter %s as not drained until it is redriven and delivered', async (_where, type, deadLetter) => {
    invoicingUp = false;
    await sendBinary(broker.brokerUrl, attributes({ type, dataschema: V1 }), '{}');
    await expect
      .poll(
        async () => (await broker.admin<{ deadLetter: string }[]>(`/deliveries?type=${type}&state=dead`)).body,
        eventually,
      )
      .toEqual([expect.objectContaining({ deadLetter })]);

    expect(await drain(type)).toMatchObject({ pending: 0, retrying: 0, dead: 1, delivered: 0, drained: false });
    expect(await drain(type, 'urn:cabs:schema:cabs.invoicing.issue-invoice:v2')).toMatchObject({
      dead: 0,
      drained: true,
    });

    invoicingUp = true;
    await broker.admin('/redrive', { method: 'POST' });
    await expect
      .poll(() => drain(type), eventually)
      .toMatchObject({ pending: 0, retrying: 0, dead: 0, delivered: 1, drained: true });
  });
});
