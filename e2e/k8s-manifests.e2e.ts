import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_SERVICES } from '@cabs/devstack';
import { workspaceRoot } from '@cabs/postgres';
import { EXTERNAL_SUBSCRIBERS, meshConfigResources, meshTriggers, subscriberName, type KnativeResource } from './support/compose-mesh-config.js';

// ajv-formats is CommonJS with a default export; under NodeNext its callable is the module's `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const root = workspaceRoot();
const overlays = readdirSync(join(root, 'k8s/overlays'));
const SERVICE_PORTS: Record<string, number> = { transit: 3001, drivers: 3002, fees: 3003, invoicing: 3004, notifications: 3005, console: 3000 };
/** Kinds Kubernetes itself serves: checked for apiVersion, kind and name only. */
const CORE_KINDS = new Set(['v1/Namespace', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount']);

interface Resource extends KnativeResource {
  data?: Record<string, string>;
  type?: string;
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet?: { path?: string } };
  livenessProbe?: { httpGet?: { path?: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean };
}

interface PodTemplate {
  metadata?: { annotations?: Record<string, string> };
  spec: { containers: Container[]; initContainers?: Container[] };
}

/**
 * k8s/ rendered with kustomize for every overlay, and each custom resource validated against its CRD's OpenAPI
 * schema — fields the API server would silently drop included. Then the wiring: the Triggers are mesh-config's,
 * every subscriber and SinkBinding subject is a Knative Service, every database has its role and Secret.
 */
describe.each(overlays)('k8s/overlays/%s', (overlay) => {
  let work: string;
  let resources: Resource[];
  const ofKind = (kind: string) => resources.filter((r) => r.kind === kind);
  const knativeServices = () => resources.filter((r) => r.kind === 'Service' && r.apiVersion === 'serving.knative.dev/v1');
  const template = (ksvc: Resource) => (ksvc.spec as { template: PodTemplate }).template;
  const templateOf = (name: string) => template(knativeServices().find((s) => s.metadata.name === name) ?? fail(`no Knative Service ${name}`));

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), `cabs-k8s-${overlay}-`));
    resources = render(overlay, work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('validates every resource: custom kinds against their CRD schema, core kinds by name', () => {
    const problems: string[] = [];
    for (const resource of resources) {
      const where = `${resource.kind} ${resource.metadata?.name}`;
      if (!resource.metadata?.name) problems.push(`${where}: metadata.name missing`);
      if (CORE_KINDS.has(`${resource.apiVersion}/${resource.kind}`)) continue;
      const schema = crdSchema(resource.apiVersion, resource.kind);
      if (!schema) {
        problems.push(`${where}: ${resource.apiVersion} ${resource.kind} is neither a core kind nor one of k8s/schemas/`);
        continue;
      }
      problems.push(...schemaProblems(schema, resource).map((p) => `${where}: ${p}`));
    }
    expect(problems).toEqual([]);
    expect(resources.every((r) => r.kind === 'Namespace' || r.metadata.namespace === 'cabs'), 'everything in namespace cabs').toBe(true);
  });

  it('applies the Broker and exactly the Triggers of mesh-config/, unchanged but for the part-of label', () => {
    const strip = (r: Resource) => {
      const { labels, ...metadata } = r.metadata as Resource['metadata'] & { labels?: Record<string, string> };
      expect(labels ?? {}, `${r.kind} ${r.metadata.name}: labels`).toEqual({ 'app.kubernetes.io/part-of': 'cabs' });
      return { ...r, metadata };
    };
    const byName = (a: Resource, b: Resource) => a.metadata.name.localeCompare(b.metadata.name);
    const rendered = [...ofKind('Broker'), ...ofKind('Trigger')].map(strip).sort(byName);
    const meshConfig = meshConfigResources().sort(byName);
    expect(rendered).toEqual(meshConfig);
    expect(ofKind('Trigger')).toHaveLength(meshTriggers().length);
  });

  it('delivers every Trigger to a Knative Service, and dead letters to the KafkaSink', () => {
    const names = new Set([...knativeServices().map((s) => s.metadata.name), ...EXTERNAL_SUBSCRIBERS]);
    for (const trigger of ofKind('Trigger')) expect(names.has(subscriberName(trigger)), `${trigger.metadata.name} → ${subscriberName(trigger)}`).toBe(true);
    const [broker] = ofKind('Broker');
    const deadLetters = (broker.spec as { delivery: { deadLetterSink: { ref: { kind: string; name: string } } } }).delivery.deadLetterSink.ref;
    expect(ofKind(deadLetters.kind).map((r) => r.metadata.name)).toContain(deadLetters.name);
  });

  it('runs the five services and the console as Knative Services, probed, sized, non-root, on their contract ports', () => {
    expect(knativeServices().map((s) => s.metadata.name).sort()).toEqual([...DOMAIN_SERVICES, 'console'].sort());
    for (const ksvc of knativeServices()) {
      const name = ksvc.metadata.name;
      const { metadata, spec } = template(ksvc);
      const [container] = spec.containers;
      expect(container.readinessProbe?.httpGet?.path, name).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet?.path, name).toBe('/health/live');
      expect(container.resources?.requests?.memory, name).toBeDefined();
      expect(container.resources?.limits?.memory, name).toBeDefined();
      expect(container.securityContext?.runAsNonRoot, name).toBe(true);
      expect(container.ports?.map((p) => p.containerPort), name).toEqual([SERVICE_PORTS[name]]);
      expect(metadata?.annotations?.['autoscaling.knative.dev/min-scale'], `${name}: min-scale`).toMatch(/^\d+$/);
      // The image is the overlay's (a registry, a tag), not the base's bare placeholder.
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) expect(c.image, `${name}/${c.name}`).toMatch(new RegExp(`^[a-z0-9.-]+(/[a-z0-9-]+)*/cabs-${name}:[\\w.-]+$`));
    }
    // Riders wait on transit: it never scales to zero.
    expect(Number(templateOf('transit').metadata?.annotations?.['autoscaling.knative.dev/min-scale'])).toBeGreaterThanOrEqual(1);
  });

  it('migrates each service’s database in an initContainer of the same image, before the revision starts', () => {
    for (const name of DOMAIN_SERVICES) {
      const { spec } = templateOf(name);
      const [migrate] = spec.initContainers ?? [];
      expect(migrate?.args, name).toEqual(['migrate']);
      expect(migrate?.image, name).toBe(spec.containers[0].image);
      const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
      expect(envOf(migrate).DATABASE_URL, name).toEqual(envOf(spec.containers[0]).DATABASE_URL);
      expect(envOf(spec.containers[0]).MIGRATE_ON_START?.value, name).toBe('false');
    }
  });

  it('gives every service its own database, owned by its own role, whose password comes from a Secret', () => {
    const [cluster] = ofKind('Cluster');
    const roles = (cluster.spec as { managed: { roles: { name: string; login: boolean; passwordSecret: { name: string } }[] } }).managed.roles;
    const secrets = new Map(ofKind('Secret').map((s) => [s.metadata.name, s]));
    for (const name of DOMAIN_SERVICES) {
      const database = ofKind('Database').find((d) => (d.spec as { name: string }).name === `cabs_${name}`);
      expect(database?.spec, name).toMatchObject({ owner: name, cluster: { name: cluster.metadata.name } });
      const role = roles.find((r) => r.name === name);
      const secret = secrets.get(role?.passwordSecret.name ?? '');
      expect(secret?.type, `${name}: role secret`).toBe('kubernetes.io/basic-auth');
      expect(Buffer.from(secret?.data?.username ?? '', 'base64').toString(), name).toBe(name);
      expect(Buffer.from(secret?.data?.password ?? '', 'base64').toString(), name).toMatch(/^[\w.~-]{8,}$/);
      // DATABASE_URL is assembled from that very Secret, for the role and database above.
      const env = templateOf(name).spec.containers[0].env ?? [];
      const password = env.find((e) => e.name === 'DB_PASSWORD')?.valueFrom?.secretKeyRef;
      expect(password, name).toEqual({ name: secret?.metadata.name, key: 'password' });
      const url = new URL(env.find((e) => e.name === 'DATABASE_URL')?.value ?? '');
      expect([url.username, url.password, url.pathname], name).toEqual([name, '$(DB_PASSWORD)', `/cabs_${name}`]);
      expect(url.hostname, name).toBe(`${cluster.metadata.name}-rw`);
    }
  });

  it('binds K_SINK of every Knative Service to the Broker with a SinkBinding', () => {
    const [broker] = ofKind('Broker');
    const bound = ofKind('SinkBinding').map((b) => b.spec as { subject: { kind: string; name: string; apiVersion: string }; sink: { ref: { kind: string; name: string } } });
    for (const ksvc of knativeServices()) {
      const binding = bound.find((b) => b.subject.apiVersion === 'serving.knative.dev/v1' && b.subject.kind === 'Service' && b.subject.name === ksvc.metadata.name);
      expect(binding?.sink.ref, ksvc.metadata.name).toMatchObject({ kind: 'Broker', name: broker.metadata.name });
    }
  });

  it('sets no mesh token: on Knative, authentication is the platform’s (k8s/README.md)', () => {
    for (const ksvc of knativeServices()) {
      const names = template(ksvc).spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name));
      expect(names, ksvc.metadata.name).not.toContain('MESH_TOKEN');
    }
  });
});

describe('the CRD validation itself', () => {
  it('catches a wrong type and a misspelt field that Kubernetes would silently drop', () => {
    const schema = crdSchema('serving.knative.dev/v1', 'Service') ?? fail('no CRD for Knative Services in k8s/schemas/');
    const service = parse(readFileSync(join(root, 'k8s/base/services/transit.yaml'), 'utf8')) as Resource;
    expect(schemaProblems(schema, service)).toEqual([]);
    const broken = structuredClone(service) as unknown as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    broken.spec.template.spec.containers[0].ports = [{ containerPort: 'http' }];
    broken.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/health/ready' } };
    const problems = schemaProblems(schema, broken).join('\n');
    expect(problems).toMatch(/containerPort.*must be integer/);
    expect(problems).toMatch(/spec\.template\.spec\.containers\[0\]\.readinesProbe: unknown field/);
  });
});

/** Renders an overlay as `kubectl apply -k` would, from a copy that has the secret files an operator creates. */
function render(overlay: string, work: string): Resource[] {
  const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if ((version.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('kubectl is not installed: these tests render k8s/ with `kubectl kustomize` (https://kubernetes.io/docs/tasks/tools/)');
  }
  for (const dir of ['k8s', 'mesh-config']) cpSync(join(root, dir), join(work, dir), { recursive: true });
  const overlayDir = join(work, 'k8s/overlays', overlay);
  // The prod overlay's passwords are git-ignored files; create them as k8s/README.md tells operators to.
  const kustomization = parse(readFileSync(join(overlayDir, 'kustomization.yaml'), 'utf8')) as { secretGenerator?: { envs?: string[] }[] };
  for (const file of (kustomization.secretGenerator ?? []).flatMap((g) => g.envs ?? [])) {
    if (existsSync(join(overlayDir, file))) continue;
    mkdirSync(dirname(join(overlayDir, file)), { recursive: true });
    writeFileSync(join(overlayDir, file), `password=${randomBytes(24).toString('hex')}\n`);
  }
  const run = spawnSync('kubectl', ['kustomize', overlayDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`kubectl kustomize k8s/overlays/${overlay} failed:\n${run.stderr}`);
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJS() as Resource | null)
    .filter((r): r is Resource => Boolean(r));
}

const crdSchemas = new Map<string, object>();
/** The openAPIV3Schema of the CRD (k8s/schemas/) serving this apiVersion and kind, if there is one. */
function crdSchema(apiVersion: string, kind: string): object | undefined {
  if (!crdSchemas.size) {
    for (const file of readdirSync(join(root, 'k8s/schemas')).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of parseAllDocuments(readFileSync(join(root, 'k8s/schemas', file), 'utf8'))) {
        const crd = doc.toJS() as { spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: object } }[] } };
        for (const v of crd.spec.versions) crdSchemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
      }
    }
  }
  return crdSchemas.get(`${apiVersion}/${kind}`);
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new WeakMap<object, ValidateFunction>();

/** JSON Schema errors (OpenAPI v3 flavour: `x-kubernetes-*` keywords ignored), then fields the API server would prune. */
function schemaProblems(schema: object, value: unknown): string[] {
  const validate = validators.get(schema) ?? ajv.compile(schema);
  validators.set(schema, validate);
  const errors = validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
  return [...errors, ...prunedFields(schema as SchemaNode, value, '')];
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** Paths of fields a structural schema does not declare: Kubernetes drops them on apply, without an error. */
function prunedFields(schema: SchemaNode, value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.flatMap((v, i) => prunedFields(items, v, `${path}[${i}]`)) : [];
  }
  if (!value || typeof value !== 'object') return [];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    // The object's own metadata is ObjectMeta, which the API server checks itself (CRDs declare it as `object`).
    if (path === '' && ['apiVersion', 'kind', 'metadata'].includes(key)) continue;
    const at = path ? `${path}.${key}` : key;
    const declared = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (declared) problems.push(...prunedFields(declared, child, at));
    else if (!schema['x-kubernetes-preserve-unknown-fields'] && schema.additionalProperties !== true) {
      problems.push(`${at}: unknown field (the API server would drop it)`);
    }
  }
  return problems;
}

function fail(message: string): never {
  throw new Error(message);
}
