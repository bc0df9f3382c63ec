import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { FORMATS } from './formats.js';

/**
 * Turns TypeBox's value errors into sentences a person can act on:
 * where (a JSON pointer from `data`), what was expected, and what arrived.
 */
export function* describeErrors(errors: Iterable<ValueError>, root = 'data'): Generator<string> {
  const list = [...errors];
  // A missing property also fails its type check; saying "missing" once is enough.
  const missing = new Set(list.filter((e) => e.type === ValueErrorType.ObjectRequiredProperty).map((e) => e.path));
  for (const error of list) {
    if (missing.has(error.path) && error.type !== ValueErrorType.ObjectRequiredProperty) continue;
    yield* describe(error, root);
  }
}

function* describe(error: ValueError, root: string): Generator<string> {
  const { schema, value } = error;
  const at = where(error.path, root);
  const got = ` (got ${shown(value)})`;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty: {
      const slash = error.path.lastIndexOf('/');
      return yield `${where(error.path.slice(0, slash), root)}: missing required property '${unescape(error.path.slice(slash + 1))}'`;
    }
    case ValueErrorType.Union:
      return yield* describeUnion(error, root);
    case ValueErrorType.Object:
      return yield `${at}: must be an object${got}`;
    case ValueErrorType.String:
      return yield `${at}: must be a string${got}`;
    case ValueErrorType.Integer:
      return yield `${at}: must be an integer${got}`;
    case ValueErrorType.Number:
      return yield `${at}: must be a finite number${got}`;
    case ValueErrorType.Boolean:
      return yield `${at}: must be true or false${got}`;
    case ValueErrorType.Literal:
      return yield `${at}: must be ${shown(schema.const)}${got}`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return yield `${at}: must be at least ${schema.minimum}${got}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return yield `${at}: must be at most ${schema.maximum}${got}`;
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.NumberExclusiveMinimum:
      return yield `${at}: must be greater than ${schema.exclusiveMinimum}${got}`;
    case ValueErrorType.IntegerExclusiveMaximum:
    case ValueErrorType.NumberExclusiveMaximum:
      return yield `${at}: must be less than ${schema.exclusiveMaximum}${got}`;
    case ValueErrorType.StringMinLength:
      return yield schema.minLength === 1
        ? `${at}: must not be empty`
        : `${at}: must be at least ${schema.minLength} characters long${got}`;
    case ValueErrorType.StringMaxLength:
      return yield `${at}: must be at most ${schema.maxLength} characters long (got ${String(value).length})`;
    case ValueErrorType.StringPattern:
      return yield `${at}: must match ${schema.pattern}${schema.description ? ` (${schema.description})` : ''}${got}`;
    case ValueErrorType.StringFormat:
      return yield `${at}: must be ${FORMATS[schema.format]?.reads ?? `in format ${schema.format}`}${got}`;
    default:
      return yield `${at}: ${error.message.toLowerCase()}${got}`;
  }
}

/**
 * A union of objects told apart by a constant property (fee terms' `type`) reports the errors
 * of the variant the value chose; a union of constants lists the allowed values.
 */
function* describeUnion(error: ValueError, root: string): Generator<string> {
  const variants = error.schema.anyOf as TSchema[];
  const at = where(error.path, root);
  if (variants.every((v) => 'const' in v)) {
    return yield `${at}: must be one of ${variants.map((v) => shown(v.const)).join(', ')} (got ${shown(error.value)})`;
  }
  const key = discriminator(variants);
  if (key === undefined) return yield `${at}: does not match any of the allowed shapes (got ${shown(error.value)})`;
  if (!isRecord(error.value)) return yield `${at}: must be an object (got ${shown(error.value)})`;
  const chosen = variants.findIndex((v) => v.properties[key].const === (error.value as Record<string, unknown>)[key]);
  if (chosen >= 0) return yield* describeErrors(error.errors[chosen] ?? [], root);
  if (!(key in error.value)) return yield `${at}: missing required property '${key}'`;
  const allowed = variants.map((v) => shown(v.properties[key].const)).join(', ');
  return yield `${at}/${key}: must be one of ${allowed} (got ${shown(error.value[key])})`;
}

/** The property every variant fixes to a constant, if there is one. */
function discriminator(variants: TSchema[]): string | undefined {
  const constantKeys = (v: TSchema) => Object.keys(v.properties ?? {}).filter((k) => 'const' in v.properties[k]);
  const [first = [], ...rest] = variants.map(constantKeys);
  return first.find((k) => rest.every((keys) => keys.includes(k)));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const where = (path: string, root: string) => `${root}${path}`;
const unescape = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** Shows the offending value briefly; hostile input can be megabytes long. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return value.length > 40
      ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  return String(value);
}
