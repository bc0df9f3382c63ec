import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Value } from '@sinclair/typebox/value';
import { BrokerResource, TriggerResource } from './knative-resources.js';
import { buildMesh, MeshConfigError, type ConfigProblem, type Located, type Mesh } from './mesh.js';
import type { DestinationResolver } from './destinations.js';

/**
 * Reads every `*.yaml`/`*.yml` file of a mesh-config folder — the same files `kubectl apply` takes —
 * and builds the routing table. Documents other than eventing.knative.dev Brokers and Triggers
 * (a KafkaSink, a Kustomization) are skipped; anything wrong is reported all at once, by file and field.
 */
export async function loadMeshConfig(dir: string, resolver: DestinationResolver): Promise<Mesh> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    throw new MeshConfigError([
      { where: dir, problem: `cannot read the mesh-config folder (${(err as Error).message})` },
    ]);
  }
  const texts = await Promise.all(files.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })));
  const { brokers, triggers, problems } = parseMeshDocuments(texts);
  return buildMesh(brokers, triggers, resolver, problems);
}

/** Parses and validates YAML texts into Broker and Trigger resources, and the problems of those that are not. */
export function parseMeshDocuments(texts: { file: string; text: string }[]): {
  brokers: Located<BrokerResource>[];
  triggers: Located<TriggerResource>[];
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const brokers: Located<BrokerResource>[] = [];
  const triggers: Located<TriggerResource>[] = [];

  for (const { file, text } of texts) {
    for (const [index, doc] of parseAllDocuments(text).entries()) {
      const where = `${file}, document ${index + 1}`;
      if (doc.errors.length) {
        problems.push({ where, problem: `not valid YAML: ${doc.errors[0].message}` });
        continue;
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      const { apiVersion, kind, metadata } = value as {
        apiVersion?: unknown;
        kind?: unknown;
        metadata?: { name?: unknown };
      };
      if (typeof apiVersion !== 'string' || !apiVersion.startsWith('eventing.knative.dev/')) continue;
      if (kind !== 'Broker' && kind !== 'Trigger') continue;
      const named = `${file}, ${kind} ${typeof metadata?.name === 'string' ? metadata.name : `(document ${index + 1})`}`;
      const schema = kind === 'Broker' ? BrokerResource : TriggerResource;
      const errors = [...Value.Errors(schema, value)];
      if (errors.length) {
        // The first few are enough to fix the file; TypeBox reports one problem several ways.
        for (const e of errors.slice(0, 3))
          problems.push({ where: named, problem: `${fieldPath(e.path)}: ${e.message.toLowerCase()}` });
        continue;
      }
      if (kind === 'Broker') brokers.push({ file, resource: value as BrokerResource });
      else triggers.push({ file, resource: value as TriggerResource });
    }
  }
  return { brokers, triggers, problems };
}

/** `/spec/filters/0/exact` → `spec.filters[0].exact`, the way people write Kubernetes fields. */
function fieldPath(pointer: string): string {
  return (
    pointer
      .split('/')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '') || '(document)'
  );
}
