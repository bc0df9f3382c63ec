import type { EventContract } from './define-event.js';

/** A plain JSON Schema document, as published in the catalogue and the baseline. */
export type JsonSchema = { [keyword: string]: unknown };

export const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

// Readers look for what a value is before how it is constrained; TypeBox emits options first.
const KEY_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'default',
  'required',
  'properties',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'items',
];

/** The JSON Schema of a contract's data, as consumers outside this code base see it. */
export function publishedSchema(contract: EventContract): JsonSchema {
  // A JSON round trip drops TypeBox's symbol-keyed markers, leaving standard JSON Schema.
  const plain = JSON.parse(JSON.stringify(contract.schema)) as JsonSchema;
  return inReadingOrder({ $schema: JSON_SCHEMA_DRAFT, ...plain, $id: contract.dataschema });
}

function inReadingOrder(schema: JsonSchema): JsonSchema {
  const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
  const ordered = Object.keys(schema)
    .sort((a, b) => rank(a) - rank(b))
    .map((key) => [key, orderSubschemas(key, schema[key])]);
  return Object.fromEntries(ordered) as JsonSchema;
}

/** Sorts the keywords of nested schemas too; values such as `const`, `enum` and `default` stay as they are. */
function orderSubschemas(keyword: string, value: unknown): unknown {
  const isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (keyword === 'properties' && isSchema(value)) {
    // Property names keep their declared order.
    return Object.fromEntries(
      Object.entries(value).map(([name, sub]) => [name, isSchema(sub) ? inReadingOrder(sub) : sub]),
    );
  }
  if (['anyOf', 'oneOf', 'allOf'].includes(keyword) && Array.isArray(value)) {
    return value.map((sub: unknown) => (isSchema(sub) ? inReadingOrder(sub) : sub));
  }
  if (['items', 'additionalProperties', 'not'].includes(keyword) && isSchema(value)) return inReadingOrder(value);
  return value;
}
