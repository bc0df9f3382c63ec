import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { allContracts } from '@cabs/contracts';
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
  const {
    brokers,
    triggers: t,
    problems,
  } = parseMeshDocuments([
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
  const services: Record<string, string> = {
    transit: 'http://127.0.0.1:3001',
    drivers: 'http://127.0.0.1:3002',
    fees: 'http://127.0.0.1:3003',
    invoicing: 'http://127.0.0.1:3004',
    notifications: 'http://127.0.0.1:3005',
  };
  const urls = Object.entries(services)
    .map(([name, url]) => `${name}=${url}`)
    .join(',');

  it('routes each type to exactly the subscribers its contracts name as handledBy, all on cabs/default, resolved through the name=url mapping', async () => {
    const m = await loadMeshConfig(repoMeshConfig, destinationResolver({ MESH_SUBSCRIBER_URLS: urls }));
    expect(m.brokers).toEqual([expect.objectContaining({ namespace: 'cabs', name: 'default' })]);
    // Every version still read (deprecated ones until drained) is routed; a removed one no more.
    const handled = allContracts
      .filter((c) => c.status !== 'removed')
      .flatMap((c) => c.handledBy.map((subscriber) => `${c.type} → ${subscriber}`));
    const routed = m.triggers.map(
      (t) => `${t.filter.filter?.attributes?.type} → ${t.subscriber.destination.ref?.name}`,
    );
    expect(routed.sort()).toEqual([...new Set(handled)].sort());
    for (const t of m.triggers) {
      const subscriber = t.subscriber.destination.ref?.name ?? '';
      // The upstream legacy app, not mapped here: the in-cluster address of its Knative Service.
      expect(t.subscriber.url).toBe(services[subscriber] ?? `http://${subscriber}.cabs.svc.cluster.local`);
      expect(t.broker).toBe('default');
      expect(t.delivery).toEqual({ retry: 10, backoffPolicy: 'exponential', backoffDelayMs: 200, timeoutMs: 30_000 });
      expect(t.deadLetterSink, 'an unmapped KafkaSink means the local dead-letter store').toBeUndefined();
    }
    expect(
      m
        .route('cabs', 'default', { type: 'cabs.invoicing.invoice-issued' })
        .map((t) => t.name)
        .sort(),
    ).toEqual(['notifications-invoice-issued', 'transit-invoice-issued']);
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
    expect(message).toContain(
      'triggers.yaml, Trigger sql: spec.filters[0].cesql: CloudEvents SQL (cesql) filters are not supported',
    );
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
    expect(message).toContain(
      'Trigger elsewhere: spec.broker "other" is not a Broker in namespace "cabs" (known: cabs/default)',
    );
    expect(message).toContain('Trigger slow: spec.delivery.backoffDelay: "200ms" is not an ISO 8601 duration');
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
    expect(m.trigger('all-events')?.delivery).toEqual({
      retry: 1,
      backoffPolicy: 'exponential',
      backoffDelayMs: 100,
      timeoutMs: 30_000,
    });
  });

  it('says when the folder has no Broker or does not exist', async () => {
    expect(problemsOf(() => buildMesh([], [], destinationResolver({})))).toContain('no Broker');
    await expect(loadMeshConfig('/nonexistent/mesh-config', destinationResolver({}))).rejects.toThrow(
      /cannot read the mesh-config folder/,
    );
  });
});
