/**
 * mesh-config documents for tests, written as JSON (which is YAML): a Broker `cabs/default` and Triggers
 * pointing at local subscribers by URI.
 */
export interface TriggerSpec {
  filter?: { attributes: Record<string, string> };
  filters?: unknown[];
  subscriber: { uri?: string; ref?: { apiVersion?: string; kind: string; name: string } };
  delivery?: Record<string, unknown>;
}

export function brokerDoc(delivery: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'eventing.knative.dev/v1',
    kind: 'Broker',
    metadata: { name: 'default', namespace: 'cabs', annotations: { 'eventing.knative.dev/broker.class': 'Kafka' } },
    spec: { delivery },
  });
}

export function triggerDoc(name: string, spec: TriggerSpec): string {
  return JSON.stringify({
    apiVersion: 'eventing.knative.dev/v1',
    kind: 'Trigger',
    metadata: { name, namespace: 'cabs' },
    spec: { broker: 'default', ...spec },
  });
}

export function meshYaml(broker: string, ...triggers: string[]): string {
  return [broker, ...triggers].join('\n---\n');
}

/** The Broker and one Trigger, `trigger`, that sends every event to the subscriber at `uri`. */
export function everythingTo(uri: string, trigger = 'everything'): string {
  return meshYaml(brokerDoc(), triggerDoc(trigger, { subscriber: { uri } }));
}
