import { nestsDeeperThan } from '@cabs/contracts';
import { attributeNameProblem, STRING_TYPED } from './attribute-rules.js';
import { Problem } from './mesh-event.js';

/** As deep as the Kafka Broker's JSON parser goes (Jackson's default maximum nesting depth). */
export const MAX_JSON_DEPTH = 1000;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A structured-mode envelope taken apart: its attributes as canonical strings, its data as the JSON format has it. */
export interface Envelope {
  attributes: Record<string, string>;
  data: unknown;
  dataBase64: unknown;
}

/**
 * The JSON event format (1.0 and 0.3): one JSON object, its members the attributes but for `data` and `data_base64`.
 * A null member is an absent attribute. String-typed attributes must be JSON strings; an extension may also be a
 * boolean or an Integer (CloudEvents' type system: whole, 32-bit), kept as its canonical string.
 */
export function readEnvelope(text: string): Envelope | Problem {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    return new Problem(`the structured-mode body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`);
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (err) {
    return new Problem(`the structured-mode body is not valid JSON (${(err as Error).message})`);
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
    return new Problem('the structured-mode body must be a JSON object holding one event');
  const { data, data_base64: dataBase64, ...members } = envelope as Record<string, unknown>;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(members)) {
    if (value === null) continue;
    const badName = attributeNameProblem(name);
    if (badName) return badName;
    if (typeof value === 'string') attributes[name] = value;
    else if (STRING_TYPED.has(name))
      return new Problem(`attribute "${name}" must be a JSON string, not ${kindOf(value)}`);
    else if (typeof value === 'boolean') attributes[name] = String(value);
    else if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
      attributes[name] = String(value);
    else
      return new Problem(
        `attribute "${name}" must be a string, number or boolean, not ${kindOf(value)}${typeof value === 'number' ? ` (CloudEvents numbers are whole, from ${INT32_MIN} to ${INT32_MAX})` : ''}`,
      );
  }
  return { attributes, data, dataBase64 };
}

/**
 * The envelope's data: `data_base64` and 0.3's base64 `datacontentencoding` decoded to bytes, any other value as
 * it is. Data without a `datacontenttype` is JSON by the format's rule, and the attribute says so from here on, as
 * the spec asks of a translation to another mode.
 */
export function envelopeData(envelope: Envelope): unknown {
  const { attributes, data, dataBase64 } = envelope;
  if (dataBase64 !== undefined && dataBase64 !== null) {
    if (data !== undefined) return new Problem('an event carries either "data" or "data_base64", not both');
    if (typeof dataBase64 !== 'string') return new Problem('"data_base64" must be a base64 string');
    return Buffer.from(dataBase64, 'base64');
  }
  if (data === undefined || data === null) return undefined;
  if (attributes.specversion === '0.3' && attributes.datacontentencoding === 'base64' && typeof data === 'string') {
    delete attributes.datacontentencoding;
    return Buffer.from(data, 'base64');
  }
  attributes.datacontenttype ??= 'application/json';
  return data;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`;
}
