import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { workspaceRoot } from '@cabs/postgres';

/** A Knative resource as these tests read it. */
export interface KnativeResource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export const meshConfigDir = join(workspaceRoot(), 'mesh-config');

/** Every YAML document of the Broker and Trigger files in mesh-config/ (not its kustomization.yaml). */
export function meshConfigResources(): KnativeResource[] {
  return readdirSync(meshConfigDir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml')
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(meshConfigDir, f), 'utf8')).map((d) => d.toJS() as KnativeResource | null),
    )
    .filter((r): r is KnativeResource => Boolean(r));
}

export function meshBroker(): KnativeResource {
  const brokers = meshConfigResources().filter((r) => r.kind === 'Broker');
  if (brokers.length !== 1) throw new Error(`mesh-config/ should declare exactly one Broker, found ${brokers.length}`);
  return brokers[0];
}

export function meshTriggers(): KnativeResource[] {
  return meshConfigResources().filter((r) => r.kind === 'Trigger');
}

/**
 * Trigger subscribers this repository does not run: the upstream legacy app, which receives its fee answers
 * (Trigger legacy-driver-fee; k8s/README.md). Neither compose nor k8s/ deploys them.
 */
export const EXTERNAL_SUBSCRIBERS: readonly string[] = ['legacy'];

/** The Knative Service a Trigger delivers to. */
export function subscriberName(trigger: KnativeResource): string {
  const ref = (trigger.spec?.subscriber as { ref?: { name?: string } } | undefined)?.ref;
  if (!ref?.name) throw new Error(`Trigger ${trigger.metadata.name} has no spec.subscriber.ref.name`);
  return ref.name;
}
