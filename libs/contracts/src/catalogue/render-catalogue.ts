import type { EventContract, EventKind } from '../define-event.js';
import { publishedSchema, type JsonSchema } from '../json-schema.js';

/** Where the catalogue is committed, from the repository root. */
export const CATALOGUE_FILE = 'docs/events.md';

const SECTIONS: Record<EventKind, { title: string; intro: string }> = {
  command: {
    title: 'Commands',
    intro: 'A command asks one service to do something; it is named after the service that handles it.',
  },
  fact: {
    title: 'Facts',
    intro: 'A fact states what happened; it is named after the service that states it, and anyone may subscribe.',
  },
  legacy: {
    title: 'Legacy compatibility',
    intro:
      "The upstream event-mesh demo's events, unchanged, so that its Java legacy app works with this system as it is.",
  },
};

/** The event catalogue as Markdown: every type, its versions, who sends and handles it, and its schema. */
export function renderCatalogue(contracts: readonly EventContract[]): string {
  const versionsOf = (type: string) => contracts.filter((c) => c.type === type).sort((a, b) => a.version - b.version);
  const types = [...new Set(contracts.map((c) => c.type))].map(versionsOf);
  const ofKind = (kind: EventKind) => types.filter((versions) => versions[0]?.kind === kind);
  const sections = (Object.keys(SECTIONS) as EventKind[])
    .filter((kind) => ofKind(kind).length > 0)
    .map((kind) => [`## ${SECTIONS[kind].title}`, SECTIONS[kind].intro, ...ofKind(kind).map(renderType)].join('\n\n'));
  return `${[header(), overview(types), ...sections].join('\n\n')}\n`;
}

function header(): string {
  return [
    '# Event catalogue',
    '<!-- Generated from libs/contracts by `npm run build && npm run catalogue -w libs/contracts`; do not edit by hand. -->',
    [
      'Every CloudEvents type on the mesh, generated from the contracts in `libs/contracts`, the one source of truth.',
      'An event names its schema in the `dataschema` attribute; without it, readers assume the current version.',
      'Schemas never forbid additional properties: readers must ignore fields they do not know, so that optional fields',
      'can be added without a new version. Any other change to a published version breaks a sender or a reader and is',
      'published as a new version instead (see [ADR 0007](decisions/0007-event-schema-compatibility.md)).',
      'Money is `{ amount, currency }` in integer minor units; ids are UUID strings; times are RFC 3339 with a zone.',
    ].join('\n'),
  ].join('\n\n');
}

function overview(types: EventContract[][]): string {
  const rows = types.map((versions) => {
    const newest = latest(versions);
    return row(
      `[\`${newest.type}\`](#${anchor(newest.type)})`,
      newest.kind,
      versions.map((c) => `v${c.version} (${c.status})`).join(', '),
      newest.sentBy.join(', '),
      newest.handledBy.join(', '),
    );
  });
  return ['| type | kind | versions | sent by | handled by |', '|---|---|---|---|---|', ...rows].join('\n');
}

function renderType(versions: EventContract[]): string {
  const newest = latest(versions);
  return [`### ${newest.type}`, newest.description, ...versions.map(renderVersion)].join('\n\n');
}

function renderVersion(c: EventContract): string {
  const schema = publishedSchema(c);
  return [
    `#### ${c.type} v${c.version} (${c.status})`,
    [
      `- dataschema: \`${c.dataschema}\``,
      `- sent by: ${c.sentBy.join(', ')}; handled by: ${c.handledBy.join(', ')}`,
      ...(c.status === 'current' ? [] : [`- ${c.description}`]),
    ].join('\n'),
    ['| field | type | required | meaning |', '|---|---|---|---|', ...fieldRows(schema, '')].join('\n'),
    [
      '<details><summary>JSON Schema</summary>',
      '',
      '```json',
      JSON.stringify(schema, null, 2),
      '```',
      '',
      '</details>',
    ].join('\n'),
  ].join('\n\n');
}

/** One row per field, nested objects as `a.b`, union variants as `a[type=flat].b`. */
function fieldRows(schema: JsonSchema, prefix: string): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, sub]) => {
    const field = `${prefix}${name}`;
    const own = row(`\`${field}\``, typeOf(sub), required.has(name) ? 'yes' : 'no', String(sub.description ?? ''));
    const variants = objectVariants(sub);
    if (variants) return [own, ...variants.flatMap(([label, v]) => fieldRows(v, `${field}[${label}].`))];
    return sub.type === 'object' ? [own, ...fieldRows(sub, `${field}.`)] : [own];
  });
}

function typeOf(schema: JsonSchema): string {
  if ('const' in schema) return `\`${JSON.stringify(schema.const)}\``;
  const anyOf = (schema.anyOf ?? []) as JsonSchema[];
  if (anyOf.length > 0) {
    return anyOf.every((v) => 'const' in v)
      ? `one of ${anyOf.map(typeOf).join(', ')}`
      : `one of ${anyOf.length} shapes, below`;
  }
  const limits = [
    schema.format && `${String(schema.format)}`,
    schema.pattern && `matching \`${String(schema.pattern)}\``,
    range(schema.minLength, schema.maxLength, ' characters'),
    range(schema.minimum, schema.maximum, ''),
    schema.exclusiveMinimum !== undefined && `> ${String(schema.exclusiveMinimum)}`,
  ].filter(Boolean);
  return [String(schema.type ?? 'any'), ...limits].join(', ');
}

function range(min: unknown, max: unknown, unit: string): string | undefined {
  const show = (n: unknown) => (n === Number.MAX_SAFE_INTEGER ? '2^53 − 1' : String(n));
  if (min !== undefined && max !== undefined) return `${show(min)} to ${show(max)}${unit}`;
  if (min !== undefined) return `≥ ${show(min)}${unit}`;
  if (max !== undefined) return `≤ ${show(max)}${unit}`;
  return undefined;
}

/** The variants of a union of objects, each labelled by the constant that selects it. */
function objectVariants(schema: JsonSchema): [string, JsonSchema][] | undefined {
  const anyOf = (schema.anyOf ?? []) as JsonSchema[];
  if (anyOf.length === 0 || anyOf.some((v) => v.type !== 'object')) return undefined;
  return anyOf.map((v, i) => {
    const entry = Object.entries((v.properties ?? {}) as Record<string, JsonSchema>).find(([, p]) => 'const' in p);
    return [entry ? `${entry[0]}=${String(entry[1].const)}` : `shape ${i + 1}`, v];
  });
}

/** The version readers get without a dataschema: the newest current one, else the newest. */
const latest = (versions: EventContract[]): EventContract =>
  versions.filter((c) => c.status === 'current').at(-1) ?? (versions.at(-1) as EventContract);

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

const row = (...cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
