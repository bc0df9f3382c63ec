import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadMeshConfig, parseMeshDocuments } from './load-mesh-config.js';
import { buildMesh, MeshConfigError } from './mesh.js';
import { destinationResolver } from './destinations.js';

const repoMeshConfig = fileURLToPath(new URL('../../../../mesh-config', import.meta.url));

const broker = `
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: { name: default, namespace: cabs }
spec:
  delivery: { retry: 3, backoffDelay: PT0.1S }
`;

function mesh(triggers: string, env = {}) {
  const { brokers, triggers: t, problems } = parseMeshDocuments([
    { file: 'broker.yaml', text: broker },
    { file: 'triggers.yaml', text: triggers },
  ]);
  return buildMesh(brokers, t, destinationResolver(env), problems);
}

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof MeshConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a MeshConfigError');
}

describe('the repository mesh-config', () => {
  it('has one Trigger per subscription of the contract, all on cabs/default, resolved through the name=url mapping', async () => {
    const urls = 'transit=http://127.0.0.1:3001,drivers=http://127.0.0.1:3002,fees=http://127.0.0.1:3003,invoicing=http://127.0.0.1:3004,notifications=http://127.0.0.1:3005';
    const m = await loadMeshConfig(repoMeshConfig, destinationResolver({ MESH_SUBSCRIBER_URLS: urls }));
    expect(m.brokers).toEqual([expect.objectContaining({ namespace: 'cabs', name: 'default' })]);
    const subscriptions = m.triggers.map((t) => `${t.filter.filter?.attributes?.type} → ${t.subscriber.url}`).sort();
    expect(subscriptions).toEqual(
      [
        'cabs.transit.complete-transit → http://127.0.0.1:3001',
        'cabs.transit.update-destination → http://127.0.0.1:3001',
        'cabs.fees.calculate-fee → http://127.0.0.1:3003',
        'cabs.invoicing.issue-invoice → http://127.0.0.1:3004',
        'cabs.drivers.free-driver → http://127.0.0.1:3002',
        'cabs.fees.driver-fee-calculated → http://127.0.0.1:3001',
        'cabs.invoicing.invoice-issued → http://127.0.0.1:3001',
        'cabs.drivers.driver-registered → http://127.0.0.1:3003',
        'cabs.drivers.driver-fee-terms-changed → http://127.0.0.1:3003',
        'cabs.transit.driver-assigned → http://127.0.0.1:3002',
        'cabs.transit.transit-completed → http://127.0.0.1:3005',
        'cabs.fees.driver-fee-calculated → http://127.0.0.1:3005',
        'cabs.invoicing.invoice-issued → http://127.0.0.1:3005',
        'cabs.drivers.driver-freed → http://127.0.0.1:3001',
        'cabs.drivers.calculate-fee → http://127.0.0.1:3003',
        // The upstream legacy app, not mapped here: the in-cluster address of its Knative Service.
        'cabs.drivers.driver-fee → http://legacy.cabs.svc.cluster.local',
      ].sort(),
    );
    for (const t of m.triggers) {
      expect(t.delivery).toEqual({ retry: 10, backoffPolicy: 'exponential', backoffDelayMs: 200, timeoutMs: 30_000 });
      expect(t.deadLetterSink, 'an unmapped KafkaSink means the local dead-letter store').toBeUndefined();
    }
    expect(m.route('cabs', 'default', { type: 'cabs.invoicing.invoice-issued' }).map((t) => t.name).sort()).toEqual([
      'notifications-invoice-issued',
      'transit-invoice-issued',
    ]);
  });
});

describe('mesh-config validation', () => {
  it('rejects a cesql Trigger at load, naming file, Trigger and field', () => {
    const message = problemsOf(() =>
      mesh(`
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: sql, namespace: cabs }
spec:
  broker: default
  filters: [{ cesql: "type LIKE 'cabs.%'" }]
  subscriber: { uri: http://127.0.0.1:1 }
`),
    );
    expect(message).toContain('triggers.yaml, Trigger sql: spec.filters[0].cesql: CloudEvents SQL (cesql) filters are not supported');
  });

  it('reports every problem at once: types, unknown brokers, bad durations, unresolvable subscribers', () => {
    const message = problemsOf(() =>
      mesh(`
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: typed, namespace: cabs }
spec:
  broker: default
  filter: { attributes: { specversion: 1.0 } }
  subscriber: { uri: http://127.0.0.1:1 }
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: elsewhere, namespace: cabs }
spec: { broker: other, subscriber: { uri: http://127.0.0.1:1 } }
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: slow, namespace: cabs }
spec: { broker: default, subscriber: { uri: http://127.0.0.1:1 }, delivery: { backoffDelay: 200ms } }
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: nowhere, namespace: cabs }
spec: { broker: default, subscriber: {} }
`),
    );
    expect(message).toContain('Trigger typed: spec.filter.attributes.specversion: expected string');
    expect(message).toContain('Trigger elsewhere: spec.broker "other" is not a Broker in namespace "cabs" (known: cabs/default)');
    expect(message).toContain('Trigger slow: spec.delivery.backoffDelay: "200ms" is not an ISO-8601 duration');
    expect(message).toContain('Trigger nowhere: spec.subscriber: needs a ref or a uri');
  });

  it('skips documents that are not eventing Brokers or Triggers, and empty ones', () => {
    const m = mesh(`
apiVersion: eventing.knative.dev/v1alpha1
kind: KafkaSink
metadata: { name: cabs-dead-letters }
spec: { topic: dead, bootstrapServers: [kafka:9092] }
---
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: all-events, namespace: cabs }
spec: { broker: default, subscriber: { uri: http://127.0.0.1:1 }, delivery: { retry: 1 } }
`);
    expect(m.triggers.map((t) => t.name)).toEqual(['all-events']);
    expect(m.trigger('all-events')?.delivery).toEqual({ retry: 1, backoffPolicy: 'exponential', backoffDelayMs: 100, timeoutMs: 30_000 });
  });

  it('says when the folder has no Broker or does not exist', async () => {
    expect(problemsOf(() => buildMesh([], [], destinationResolver({})))).toContain('no Broker');
    await expect(loadMeshConfig('/nonexistent/mesh-config', destinationResolver({}))).rejects.toThrow(/cannot read the mesh-config folder/);
  });
});
