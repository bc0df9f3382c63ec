import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../json-schema.js';

/**
 * What a change does to the promise a published schema made. Senders and readers both validate
 * and deploy on their own, so every effect except an added optional property breaks someone:
 * - narrower: data that was valid is rejected now (an old sender's events fail new readers);
 * - wider: new data is valid that was not (a new sender's events fail old readers);
 * - removed: a field readers may use is no longer promised;
 * - changed: the two schemas disagree in a way that is neither simply narrower nor wider.
 */
export type Effect = 'narrower' | 'wider' | 'removed' | 'changed';

export interface SchemaChange {
  /** JSON pointer from the event's `data`, e.g. `data/transitPrice/amount`; union variants as `[type=flat]`. */
  path: string;
  change: string;
  effect: Effect;
}

// Words for people; changing them changes no data.
const ANNOTATIONS = ['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'deprecated'];
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
const UNDERSTOOD = new Set([
  ...ANNOTATIONS,
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  'type',
  'const',
  'enum',
  'anyOf',
  'format',
  'pattern',
  'properties',
  'required',
]);

/** Every change between a published schema and the current one that can break a sender or a reader. */
export function compareSchemas(published: JsonSchema, current: JsonSchema, path = 'data'): SchemaChange[] {
  return [...changesBetween(published, current, path)];
}

function* changesBetween(old: JsonSchema, now: JsonSchema, path: string): Generator<SchemaChange> {
  const [before, after] = [typeOf(old), typeOf(now)];
  if (!isDeepStrictEqual(before, after)) {
    // Everything below a changed type is moot; one message says it all.
    return yield { path, change: `type changed from ${show(before)} to ${show(after)}`, effect: 'changed' };
  }
  yield* allowedValues(old, now, path);
  yield* unionVariants(old, now, path);
  yield* bounds(old, now, path);
  yield* addedOrRemoved('format', old.format, now.format, path);
  yield* addedOrRemoved('pattern', old.pattern, now.pattern, path);
  yield* properties(old, now, path);
  for (const keyword of new Set([...Object.keys(old), ...Object.keys(now)])) {
    // Keywords the guard does not reason about are compared literally: better a false alarm than a silent break.
    if (UNDERSTOOD.has(keyword) || isDeepStrictEqual(old[keyword], now[keyword])) continue;
    yield {
      path,
      change: `'${keyword}' changed from ${show(old[keyword])} to ${show(now[keyword])}`,
      effect: 'changed',
    };
  }
}

/** The declared type, or the one a set of allowed values implies (TypeBox's literal unions declare none). */
function typeOf(schema: JsonSchema): unknown {
  if (schema.type !== undefined) return schema.type;
  const types = new Set(valuesOf(schema)?.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)));
  return types.size === 1 ? [...types][0] : undefined;
}

/** `const`, `enum` and a union of constants (TypeBox's literal unions) all restrict a value to a set. */
function valuesOf(schema: JsonSchema): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  if (isConstUnion(schema)) return (schema.anyOf as JsonSchema[]).map((v) => v.const);
  return undefined;
}

const isConstUnion = (schema: JsonSchema) =>
  Array.isArray(schema.anyOf) && (schema.anyOf as JsonSchema[]).every((v) => isSchema(v) && 'const' in v);

function* allowedValues(old: JsonSchema, now: JsonSchema, path: string): Generator<SchemaChange> {
  const [before, after] = [valuesOf(old), valuesOf(now)];
  if (before === undefined && after === undefined) return;
  if (before === undefined) return yield { path, change: `restricted to ${list(after ?? [])}`, effect: 'narrower' };
  if (after === undefined) return yield { path, change: `no longer restricted to ${list(before)}`, effect: 'wider' };
  const missing = before.filter((v) => !after.some((a) => isDeepStrictEqual(a, v)));
  const added = after.filter((v) => !before.some((b) => isDeepStrictEqual(b, v)));
  if (missing.length) yield { path, change: `no longer allows ${list(missing)}`, effect: 'narrower' };
  if (added.length) yield { path, change: `now also allows ${list(added)}`, effect: 'wider' };
}

/** Object variants (fee terms) are matched by the constant that tells them apart, else by position. */
function* unionVariants(old: JsonSchema, now: JsonSchema, path: string): Generator<SchemaChange> {
  const variantsOf = (s: JsonSchema) =>
    Array.isArray(s.anyOf) && !isConstUnion(s) ? (s.anyOf as JsonSchema[]) : undefined;
  const [before, after] = [variantsOf(old), variantsOf(now)];
  if (before === undefined && after === undefined) return;
  if (before === undefined || after === undefined) {
    return yield {
      path,
      change: before ? 'is no longer a union (anyOf)' : 'became a union (anyOf)',
      effect: 'changed',
    };
  }
  const key = discriminator([...before, ...after]);
  const label = (v: JsonSchema, i: number) => (key ? `${key}=${String(constOf(v, key))}` : `anyOf ${i}`);
  const match = (v: JsonSchema, i: number) => (key ? after.find((a) => constOf(a, key) === constOf(v, key)) : after[i]);
  for (const [i, variant] of before.entries()) {
    const counterpart = match(variant, i);
    if (counterpart === undefined) yield { path, change: `variant ${label(variant, i)} removed`, effect: 'narrower' };
    else yield* changesBetween(variant, counterpart, `${path}[${label(variant, i)}]`);
  }
  for (const [i, variant] of after.entries()) {
    const isNew = key ? !before.some((b) => constOf(b, key) === constOf(variant, key)) : i >= before.length;
    if (isNew) yield { path, change: `variant ${label(variant, i)} added`, effect: 'wider' };
  }
}

function* bounds(old: JsonSchema, now: JsonSchema, path: string): Generator<SchemaChange> {
  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const [before, after] = [old[keyword] as number | undefined, now[keyword] as number | undefined];
    if (before === after) continue;
    const tighter = LOWER_BOUNDS.includes(keyword) ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
    if (before === undefined) yield { path, change: `${keyword} ${after} added`, effect: 'narrower' };
    else if (after === undefined) yield { path, change: `${keyword} ${before} removed`, effect: 'wider' };
    else {
      const direction = after > before ? 'raised' : 'lowered';
      yield {
        path,
        change: `${keyword} ${direction} from ${before} to ${after}`,
        effect: tighter(after, before) ? 'narrower' : 'wider',
      };
    }
  }
}

function* addedOrRemoved(keyword: string, before: unknown, after: unknown, path: string): Generator<SchemaChange> {
  if (isDeepStrictEqual(before, after)) return;
  if (before === undefined) yield { path, change: `${keyword} ${show(after)} added`, effect: 'narrower' };
  else if (after === undefined) yield { path, change: `${keyword} ${show(before)} removed`, effect: 'wider' };
  else yield { path, change: `${keyword} changed from ${show(before)} to ${show(after)}`, effect: 'changed' };
}

function* properties(old: JsonSchema, now: JsonSchema, path: string): Generator<SchemaChange> {
  const [before, after] = [propertiesOf(old), propertiesOf(now)];
  const [wasRequired, isRequired] = [requiredOf(old), requiredOf(now)];
  const added = Object.keys(after).filter((name) => !(name in before));
  for (const [name, schema] of Object.entries(before)) {
    const at = `${path}/${name}`;
    if (!(name in after)) {
      const renamedTo = added.find((a) => isDeepStrictEqual(withoutAnnotations(after[a]), withoutAnnotations(schema)));
      yield {
        path: at,
        change: renamedTo ? `property removed (renamed to '${renamedTo}'?)` : 'property removed',
        effect: 'removed',
      };
      continue;
    }
    if (wasRequired.has(name) && !isRequired.has(name))
      yield { path: at, change: 'no longer required', effect: 'removed' };
    if (!wasRequired.has(name) && isRequired.has(name))
      yield { path: at, change: 'became required', effect: 'narrower' };
    yield* changesBetween(schema, after[name] as JsonSchema, at);
  }
  for (const name of added.filter((a) => isRequired.has(a))) {
    yield { path: `${path}/${name}`, change: 'new required property', effect: 'narrower' };
  }
}

function discriminator(variants: JsonSchema[]): string | undefined {
  const constantKeys = (v: JsonSchema) =>
    Object.keys(propertiesOf(v)).filter((k) => 'const' in (propertiesOf(v)[k] ?? {}));
  const [first = [], ...rest] = variants.map(constantKeys);
  return first.find((k) => rest.every((keys) => keys.includes(k)));
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const propertiesOf = (s: JsonSchema) => (isSchema(s.properties) ? (s.properties as Record<string, JsonSchema>) : {});
const requiredOf = (s: JsonSchema) => new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
const constOf = (s: JsonSchema, key: string) => propertiesOf(s)[key]?.const;

/** The schema as data sees it, to recognise a renamed property by its unchanged shape. */
function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (!isSchema(schema)) return schema;
  const strip = (keyword: string, value: unknown): unknown => {
    if (keyword === 'properties' && isSchema(value)) {
      return Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]));
    }
    return keyword === 'const' || keyword === 'enum' ? value : withoutAnnotations(value);
  };
  const kept = Object.entries(schema).filter(([keyword]) => !ANNOTATIONS.includes(keyword));
  return Object.fromEntries(kept.map(([keyword, value]) => [keyword, strip(keyword, value)]));
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
const list = (values: unknown[]) => values.map(show).join(', ');
