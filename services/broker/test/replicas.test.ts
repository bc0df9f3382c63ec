import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServiceDatabase } from '@cabs/testing';
import { everythingTo } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type TestSubscriber } from './support/subscriber.js';
import { eventually, startTestBroker, type TestBroker } from './support/test-broker.js';

describe('several broker replicas on one database', () => {
  let subscriber: TestSubscriber;
  let replicas: TestBroker[];

  beforeAll(async () => {
    subscriber = await startSubscriber();
    const databaseUrl = await createServiceDatabase(inject('pg'), 'broker');
    const yaml = everythingTo(subscriber.url, 'all');
    // One ingress-only replica, two that also dispatch: every delivery is claimed by exactly one of them.
    replicas = await Promise.all([
      startTestBroker(yaml, { databaseUrl, dispatch: false }),
      startTestBroker(yaml, { databaseUrl }),
      startTestBroker(yaml, { databaseUrl }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(replicas?.map((r) => r.close()) ?? []);
    await subscriber?.close();
  });

  it('delivers each event exactly once while the replicas claim side by side', async () => {
    const ids = await Promise.all(
      Array.from({ length: 150 }, async (_, i) => {
        const attrs = attributes({ type: 'cabs.test.replicated' });
        expect((await sendBinary(replicas[i % 3].brokerUrl, attrs)).status).toBe(202);
        return attrs.id;
      }),
    );
    const received = await subscriber.waitFor(ids.length);
    expect(received.map((r) => r.headers['ce-id']).sort()).toEqual([...ids].sort());
    await expect
      .poll(async () => (await replicas[0].admin('/drain?type=cabs.test.replicated')).body, eventually)
      .toMatchObject({ delivered: 150, drained: true });
    expect(subscriber.received).toHaveLength(150);
  });
});
