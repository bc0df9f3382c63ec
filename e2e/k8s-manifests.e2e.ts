import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_SERVICES } from '@cabs/devstack';
import { workspaceRoot } from '@cabs/postgres';
import {
  EXTERNAL_SUBSCRIBERS,
  meshConfigResources,
  meshTriggers,
  subscriberName,
  type KnativeResource,
} from './support/compose-mesh-config.js';

// ajv-formats is CommonJS with a default export; under NodeNext its callable is the module's `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const root = workspaceRoot();
const overlays = readdirSync(join(root, 'k8s/overlays'));
const SERVICE_PORTS: Record<string, number> = {
  transit: 3001,
  drivers: 3002,
  fees: 3003,
  invoicing: 3004,
  notifications: 3005,
  console: 3000,
};
/** Kinds Kubernetes itself serves: checked for apiVersion, kind and name only. */
const CORE_KINDS = new Set(['v1/Namespace', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount']);
/** Kinds Kubernetes serves, checked against its own OpenAPI schema (kubernetes-models, generated from it). */
const SCHEMA_MODELS: Record<string, { validate(): void } & (new (data: object) => { validate(): void })> = {
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as never,
};
/** Namespaces of Knative's data plane: the activator, the Broker's dispatcher, the Kourier gateways. */
const KNATIVE_DATA_PLANE = ['knative-serving', 'knative-eventing', 'kourier-system'];

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
  metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
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
  const knativeServices = () =>
    resources.filter((r) => r.kind === 'Service' && r.apiVersion === 'serving.knative.dev/v1');
  const template = (ksvc: Resource) => (ksvc.spec as { template: PodTemplate }).template;
  const templateOf = (name: string) =>
    template(knativeServices().find((s) => s.metadata.name === name) ?? fail(`no Knative Service ${name}`));

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), `cabs-k8s-${overlay}-`));
    resources = render(overlay, work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('validates every resource: custom kinds against their CRD schema, NetworkPolicies against Kubernetes’ own, other core kinds by name', () => {
    const problems: string[] = [];
    for (const resource of resources) {
      const where = `${resource.kind} ${resource.metadata?.name}`;
      if (!resource.metadata?.name) problems.push(`${where}: metadata.name missing`);
      if (CORE_KINDS.has(`${resource.apiVersion}/${resource.kind}`)) continue;
      const Model = SCHEMA_MODELS[`${resource.apiVersion}/${resource.kind}`];
      if (Model) {
        try {
          new Model(resource).validate();
        } catch (err) {
          problems.push(`${where}: ${(err as Error).message}`);
        }
        continue;
      }
      const schema = crdSchema(resource.apiVersion, resource.kind);
      if (!schema) {
        problems.push(
          `${where}: ${resource.apiVersion} ${resource.kind} is neither a core kind nor one of k8s/schemas/`,
        );
        continue;
      }
      problems.push(...schemaProblems(schema, resource).map((p) => `${where}: ${p}`));
    }
    expect(problems).toEqual([]);
    expect(
      resources.every((r) => r.kind === 'Namespace' || r.metadata.namespace === 'cabs'),
      'everything in namespace cabs',
    ).toBe(true);
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
    for (const trigger of ofKind('Trigger'))
      expect(names.has(subscriberName(trigger)), `${trigger.metadata.name} → ${subscriberName(trigger)}`).toBe(true);
    const [broker] = ofKind('Broker');
    const deadLetters = (broker.spec as { delivery: { deadLetterSink: { ref: { kind: string; name: string } } } })
      .delivery.deadLetterSink.ref;
    expect(ofKind(deadLetters.kind).map((r) => r.metadata.name)).toContain(deadLetters.name);
  });

  it('runs the five services and the console as Knative Services, probed, sized, non-root, on their contract ports', () => {
    expect(
      knativeServices()
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual([...DOMAIN_SERVICES, 'console'].sort());
    for (const ksvc of knativeServices()) {
      const name = ksvc.metadata.name;
      const { metadata, spec } = template(ksvc);
      const [container] = spec.containers;
      expect(container.readinessProbe?.httpGet?.path, name).toBe('/health/ready');
      expect(container.livenessProbe?.httpGet?.path, name).toBe('/health/live');
      expect(container.resources?.requests?.memory, name).toBeDefined();
      expect(container.resources?.limits?.memory, name).toBeDefined();
      expect(container.securityContext?.runAsNonRoot, name).toBe(true);
      expect(
        container.ports?.map((p) => p.containerPort),
        name,
      ).toEqual([SERVICE_PORTS[name]]);
      expect(metadata?.annotations?.['autoscaling.knative.dev/min-scale'], `${name}: min-scale`).toMatch(/^\d+$/);
      // The image is the overlay's (a registry, a tag), not the base's bare placeholder.
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])])
        expect(c.image, `${name}/${c.name}`).toMatch(new RegExp(`^[a-z0-9.-]+(/[a-z0-9-]+)*/cabs-${name}:[\\w.-]+$`));
    }
    // Riders wait on transit: it never scales to zero.
    expect(
      Number(templateOf('transit').metadata?.annotations?.['autoscaling.knative.dev/min-scale']),
    ).toBeGreaterThanOrEqual(1);
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
    const roles = (
      cluster.spec as { managed: { roles: { name: string; login: boolean; passwordSecret: { name: string } }[] } }
    ).managed.roles;
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
    const bound = ofKind('SinkBinding').map(
      (b) =>
        b.spec as {
          subject: { kind: string; name: string; apiVersion: string };
          sink: { ref: { kind: string; name: string } };
        },
    );
    for (const ksvc of knativeServices()) {
      const binding = bound.find(
        (b) =>
          b.subject.apiVersion === 'serving.knative.dev/v1' &&
          b.subject.kind === 'Service' &&
          b.subject.name === ksvc.metadata.name,
      );
      expect(binding?.sink.ref, ksvc.metadata.name).toMatchObject({ kind: 'Broker', name: broker.metadata.name });
    }
  });

  it('keeps the services and the console cluster-local: nothing of the system is public unless opted in', () => {
    for (const ksvc of knativeServices()) {
      expect(
        (ksvc.metadata as { labels?: Record<string, string> }).labels?.['networking.knative.dev/visibility'],
        ksvc.metadata.name,
      ).toBe('cluster-local');
    }
  });

  it('ships the NetworkPolicies k8s/README.md relies on: deny by default, Knative to the services, only the services to PostgreSQL', () => {
    const policies = ofKind('NetworkPolicy').map((r) => r as unknown as Policy);
    const admitting = (pod: Pod) => policies.filter((p) => selects(p.spec.podSelector, pod.labels));
    // Every pod is under some policy, and the catch-all one lets nothing in.
    const denyAll = policies.filter((p) => Object.keys(p.spec.podSelector).length === 0);
    expect(denyAll.map((p) => [p.spec.policyTypes, p.spec.ingress ?? []])).toEqual([[['Ingress'], []]]);

    const fromNamespace = (pod: Pod, namespace: string, port?: number) =>
      admitting(pod).some((p) =>
        (p.spec.ingress ?? []).some(
          (rule) =>
            allowsPort(rule, port) &&
            (rule.from ?? []).some(
              (peer) =>
                !peer.podSelector && selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': namespace }),
            ),
        ),
      );
    const fromPod = (pod: Pod, labels: Record<string, string>, port: number) =>
      admitting(pod).some((p) =>
        (p.spec.ingress ?? []).some(
          (rule) =>
            allowsPort(rule, port) &&
            (rule.from ?? []).some((peer) => !peer.namespaceSelector && selects(peer.podSelector, labels)),
        ),
      );

    // Knative reaches each service and the console; nothing outside it does.
    for (const ksvc of knativeServices()) {
      const pod = { labels: template(ksvc).metadata?.labels ?? {} };
      for (const namespace of KNATIVE_DATA_PLANE)
        expect(fromNamespace(pod, namespace), `${ksvc.metadata.name} from ${namespace}`).toBe(true);
      expect(fromNamespace(pod, 'default'), `${ksvc.metadata.name} from namespace default`).toBe(false);
    }
    // Each service reaches PostgreSQL on 5432; the console and the rest of the world do not.
    const [cluster] = ofKind('Cluster');
    const postgres = { labels: { 'cnpg.io/cluster': cluster.metadata.name } };
    for (const name of DOMAIN_SERVICES)
      expect(fromPod(postgres, templateOf(name).metadata?.labels ?? {}, 5432), `${name} → PostgreSQL`).toBe(true);
    expect(fromPod(postgres, templateOf('console').metadata?.labels ?? {}, 5432), 'console → PostgreSQL').toBe(false);
    expect(fromNamespace(postgres, 'knative-serving', 5432), 'knative-serving → PostgreSQL').toBe(false);
    expect(fromNamespace(postgres, 'cnpg-system', 8000), 'the CloudNativePG operator → its instances').toBe(true);
  });

  it('sets no mesh token: on Knative, authentication is the platform’s (k8s/README.md)', () => {
    for (const ksvc of knativeServices()) {
      const names = template(ksvc).spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name));
      expect(names, ksvc.metadata.name).not.toContain('MESH_TOKEN');
    }
  });
});

describe.each(overlays)('k8s/overlays/%s with the opt-in component console-public', (overlay) => {
  let work: string;
  let resources: Resource[];
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), `cabs-k8s-${overlay}-public-`));
    resources = render(overlay, work, ['console-public']);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const ksvc = (name: string) =>
    resources.find(
      (r) => r.kind === 'Service' && r.apiVersion === 'serving.knative.dev/v1' && r.metadata.name === name,
    ) ?? fail(`no Knative Service ${name}`);
  const labelsOf = (r: Resource) => (r.metadata as { labels?: Record<string, string> }).labels ?? {};

  it('makes the console public, asking every visitor for the access token from a Secret', () => {
    expect(labelsOf(ksvc('console'))).not.toHaveProperty('networking.knative.dev/visibility');
    for (const name of DOMAIN_SERVICES)
      expect(labelsOf(ksvc(name))['networking.knative.dev/visibility'], name).toBe('cluster-local');
    const env = (ksvc('console').spec as { template: PodTemplate }).template.spec.containers[0].env ?? [];
    const ref =
      env.find((e) => e.name === 'CONSOLE_TOKEN')?.valueFrom?.secretKeyRef ?? fail('the console gets no CONSOLE_TOKEN');
    const secret =
      resources.find((r) => r.kind === 'Secret' && r.metadata.name === ref.name) ?? fail(`no Secret ${ref.name}`);
    // The console refuses a token shorter than 16 characters at start.
    expect(Buffer.from(secret.data?.[ref.key] ?? '', 'base64').toString().length).toBeGreaterThanOrEqual(16);
  });
});

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Policy {
  spec: {
    podSelector: Selector;
    policyTypes?: string[];
    ingress?: { from?: { podSelector?: Selector; namespaceSelector?: Selector }[]; ports?: { port?: number }[] }[];
  };
}

interface Pod {
  labels: Record<string, string>;
}

/** Whether a label selector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist) selects these labels. */
function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    throw new Error(`unknown selector operator ${operator}`);
  });
  return byLabels && byExpressions;
}

/** A rule without ports allows every port. */
function allowsPort(rule: { ports?: { port?: number }[] }, port: number | undefined): boolean {
  return port === undefined || !rule.ports?.length || rule.ports.some((p) => p.port === port);
}

describe('the schema validation itself', () => {
  it('catches a NetworkPolicy field of the wrong type', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    expect(() => new NetworkPolicy(policy as never).validate()).not.toThrow();
    expect(() =>
      new NetworkPolicy({ ...policy, spec: { podSelector: {}, policyTypes: 'Ingress' } } as never).validate(),
    ).toThrow(/policyTypes must be array/);
  });

  it('catches a wrong type and a misspelt field that Kubernetes would silently drop (CRDs)', () => {
    const schema =
      crdSchema('serving.knative.dev/v1', 'Service') ?? fail('no CRD for Knative Services in k8s/schemas/');
    const service = parse(readFileSync(join(root, 'k8s/base/services/transit.yaml'), 'utf8')) as Resource;
    expect(schemaProblems(schema, service)).toEqual([]);
    const broken = structuredClone(service) as unknown as {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    broken.spec.template.spec.containers[0].ports = [{ containerPort: 'http' }];
    broken.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/health/ready' } };
    const problems = schemaProblems(schema, broken).join('\n');
    expect(problems).toMatch(/containerPort.*must be integer/);
    expect(problems).toMatch(/spec\.template\.spec\.containers\[0\]\.readinesProbe: unknown field/);
  });
});

/**
 * Renders an overlay as `kubectl apply -k` would, from a copy that has the secret files an operator creates; with
 * `components`, as the operator's overlay that adds those opt-in components (k8s/components/) to it.
 */
function render(overlay: string, work: string, components: string[] = []): Resource[] {
  const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if ((version.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed: these tests render k8s/ with `kubectl kustomize` (https://kubernetes.io/docs/tasks/tools/)',
    );
  }
  for (const dir of ['k8s', 'mesh-config']) cpSync(join(root, dir), join(work, dir), { recursive: true });
  let overlayDir = join(work, 'k8s/overlays', overlay);
  // The git-ignored secrets (the prod overlay's passwords, a component's token): created as k8s/README.md tells operators to.
  for (const dir of [overlayDir, ...components.map((c) => join(work, 'k8s/components', c))]) {
    const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
      secretGenerator?: { envs?: string[] }[];
    };
    for (const file of (kustomization.secretGenerator ?? []).flatMap((g) => g.envs ?? [])) {
      if (existsSync(join(dir, file))) continue;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      const secret = randomBytes(24).toString('hex');
      writeFileSync(join(dir, file), `password=${secret}\ntoken=${secret}\n`);
    }
  }
  if (components.length) {
    const opted = join(work, 'k8s/overlays', `${overlay}-opted-in`);
    mkdirSync(opted);
    const lines = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [../${overlay}]`,
      `components: [${components.map((c) => `../../components/${c}`).join(', ')}]`,
    ];
    writeFileSync(join(opted, 'kustomization.yaml'), `${lines.join('\n')}\n`);
    overlayDir = opted;
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
        const crd = doc.toJS() as {
          spec: {
            group: string;
            names: { kind: string };
            versions: { name: string; schema: { openAPIV3Schema: object } }[];
          };
        };
        for (const v of crd.spec.versions)
          crdSchemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
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
  const errors = validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
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
    const declared =
      schema.properties?.[key] ??
      (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
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
