import { mergeDelivery, retryPolicy, type RetryPolicy } from './delivery-spec.js';
import { deadLetterSinkUrl, subscriberUrl, type DestinationResolver } from './destinations.js';
import type { BrokerResource, DeliverySpec, Destination, TriggerResource } from './knative-resources.js';
import { triggerPredicate, type EventAttributes, type EventPredicate } from '../routing/filters.js';

/** A Broker: a namespace/name that accepts events, and the delivery defaults of its Triggers. */
export interface MeshBroker {
  namespace: string;
  name: string;
  delivery: DeliverySpec;
}

/** Everything the dispatcher needs about one Trigger, resolved once at start. */
export interface MeshTrigger {
  namespace: string;
  name: string;
  broker: string;
  /** The filter as written, for the admin API. */
  filter: Pick<TriggerResource['spec'], 'filter' | 'filters'>;
  matches: EventPredicate;
  subscriber: { url: string; destination: Destination };
  delivery: RetryPolicy;
  /** Where dead letters go; undefined: the broker's own dead-letter store. */
  deadLetterSink?: { url: string; destination: Destination };
}

/** One problem in mesh-config, located by file, resource and field. */
export interface ConfigProblem {
  where: string;
  problem: string;
}

export class MeshConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`mesh-config is invalid:\n${problems.map((p) => `  - ${p.where}: ${p.problem}`).join('\n')}`);
    this.name = 'MeshConfigError';
  }
}

/** A located resource: which file it came from, for error messages. */
export interface Located<T> {
  file: string;
  resource: T;
}

/** The routing table: Brokers and their Triggers, with subscriber URLs and delivery specs resolved. */
export class Mesh {
  private readonly byBroker = new Map<string, MeshTrigger[]>();
  private readonly byName = new Map<string, MeshTrigger>();

  constructor(
    readonly brokers: readonly MeshBroker[],
    readonly triggers: readonly MeshTrigger[],
  ) {
    for (const b of brokers) this.byBroker.set(key(b.namespace, b.name), []);
    for (const t of triggers) {
      this.byBroker.get(key(t.namespace, t.broker))?.push(t);
      this.byName.set(t.name, t);
    }
  }

  broker(namespace: string, name: string): MeshBroker | undefined {
    return this.brokers.find((b) => b.namespace === namespace && b.name === name);
  }

  trigger(name: string): MeshTrigger | undefined {
    return this.byName.get(name);
  }

  /** Every Trigger of the broker is evaluated once; each match gets its own delivery. */
  route(namespace: string, broker: string, attributes: EventAttributes): MeshTrigger[] {
    return (this.byBroker.get(key(namespace, broker)) ?? []).filter((t) => t.matches(attributes));
  }
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

/** Builds the mesh from validated resources, collecting every problem instead of stopping at the first. */
export function buildMesh(
  brokers: Located<BrokerResource>[],
  triggers: Located<TriggerResource>[],
  resolver: DestinationResolver,
  earlierProblems: ConfigProblem[] = [],
): Mesh {
  const problems = [...earlierProblems];
  const meshBrokers: MeshBroker[] = [];
  const meshTriggers: MeshTrigger[] = [];

  if (brokers.length === 0)
    problems.push({
      where: 'mesh-config',
      problem: 'no Broker (kind: Broker, apiVersion: eventing.knative.dev/v1) found',
    });

  for (const { file, resource } of brokers) {
    const namespace = resource.metadata.namespace ?? 'default';
    const where = `${file}, Broker ${namespace}/${resource.metadata.name}`;
    if (meshBrokers.some((b) => b.namespace === namespace && b.name === resource.metadata.name)) {
      problems.push({ where, problem: 'is defined twice' });
      continue;
    }
    meshBrokers.push({ namespace, name: resource.metadata.name, delivery: resource.spec?.delivery ?? {} });
  }

  for (const { file, resource } of triggers) {
    const { metadata, spec } = resource;
    const namespace = metadata.namespace ?? 'default';
    const where = `${file}, Trigger ${metadata.name}`;
    try {
      // Names are unique across the whole config, so a delivery row can name its Trigger alone.
      if (meshTriggers.some((t) => t.name === metadata.name))
        throw new Error('is defined twice (Trigger names must be unique)');
      const broker = meshBrokers.find((b) => b.namespace === namespace && b.name === spec.broker);
      if (!broker) {
        const known = meshBrokers.map((b) => key(b.namespace, b.name)).join(', ') || 'none';
        throw new Error(`spec.broker "${spec.broker}" is not a Broker in namespace "${namespace}" (known: ${known})`);
      }
      const delivery = mergeDelivery(broker.delivery, spec.delivery);
      const dls = delivery.deadLetterSink;
      const dlsUrl = dls ? deadLetterSinkUrl(dls, namespace, resolver) : undefined;
      meshTriggers.push({
        namespace,
        name: metadata.name,
        broker: spec.broker,
        filter: { filter: spec.filter, filters: spec.filters },
        matches: triggerPredicate(spec),
        subscriber: { url: subscriberUrl(spec.subscriber, namespace, resolver), destination: spec.subscriber },
        delivery: retryPolicy(delivery),
        deadLetterSink: dls && dlsUrl ? { url: dlsUrl, destination: dls } : undefined,
      });
    } catch (err) {
      // FilterError, RangeError (durations, URLs) and the checks above all say what and where.
      problems.push({ where, problem: (err as Error).message });
    }
  }

  if (problems.length) throw new MeshConfigError(problems);
  return new Mesh(meshBrokers, meshTriggers);
}
