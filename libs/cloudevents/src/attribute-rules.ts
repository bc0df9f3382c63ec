import validateAttributes from 'cloudevents/dist/schema/v1.js';
import { Problem } from './mesh-event.js';
import { isRfc3339 } from './rfc3339.js';

/** The CloudEvents versions the mesh takes, as Knative's broker does. */
const SPECVERSIONS = ['1.0', '0.3'] as const;
const REQUIRED = ['id', 'source', 'type'] as const;

/**
 * Attribute names (CloudEvents 1.0, "Attribute Naming Convention"): lower-case ASCII letters and digits, a MUST.
 * The spec's 20-character limit is a SHOULD addressed to whoever names an attribute, so a receiver takes longer
 * names: refusing them would dead-letter events that Knative's Kafka Broker takes (the CloudEvents SDKs for Java,
 * Go and JavaScript each dropped such a check for this reason). The length is bounded anyway, by Node's header size
 * limit in binary mode and the body limit in structured mode.
 */
const NAME = /^[a-z0-9]+$/;
/**
 * What a CloudEvents String may not hold ("Type System"): the control characters U+0000–U+001F and U+007F–U+009F,
 * Unicode noncharacters, and surrogates not in a pair (in a `u` regex a proper pair is one code point, outside the
 * range).
 */
const FORBIDDEN = /[\p{Cc}\p{Noncharacter_Code_Point}\ud800-\udfff]/u;

/** The JSON format types these as String (URI, Timestamp): a number or boolean is only for extensions. */
export const STRING_TYPED = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'datacontenttype',
  'dataschema',
  'subject',
  'time',
  'schemaurl',
  'datacontentencoding',
]);

/** Where a message carries an attribute, for messages that say where to look. */
export type Carrier = 'header' | 'field';
const where = (carrier: Carrier, name: string) => (carrier === 'header' ? `header ce-${name}` : `field "${name}"`);

/**
 * What is wrong with an event's context attributes and extensions, or undefined: the one set of rules of the mesh,
 * for the broker's ingress, its replies and every service's `POST /` (names are checked as they are read, by
 * attributeNameProblem). In order: specversion, the required attributes, every value, the time, then the formats
 * of the CloudEvents JSON Schema (`source` a URI-reference, `dataschema` a URI, no empty optional String) as the SDK
 * compiled it. The SDK applies that schema to 1.0 only; 0.3 gives the attributes they share the same types, so one
 * check serves both.
 *
 * `receiver` names who answers (`the broker`), for the message about an unsupported version.
 */
export function contextProblem(
  attributes: Readonly<Record<string, string>>,
  carrier: Carrier,
  receiver: string,
): Problem | undefined {
  const version = attributes.specversion;
  if (!version) return new Problem(`missing required attribute "specversion" (${where(carrier, 'specversion')})`);
  if (version !== '1.0' && version !== '0.3')
    return new Problem(
      `unsupported specversion "${version}": ${receiver} accepts CloudEvents ${SPECVERSIONS.join(' and ')}`,
    );
  for (const name of REQUIRED) {
    if (!attributes[name]) return new Problem(`missing required attribute "${name}" (${where(carrier, name)})`);
  }
  for (const name in attributes) {
    const problem = valueProblem(name, attributes[name]);
    if (problem) return problem;
  }
  if (attributes.time !== undefined && !isRfc3339(attributes.time))
    return new Problem(
      `attribute "time" must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, got "${attributes.time}"`,
    );
  return validateAttributes(attributes) ? undefined : schemaProblem(attributes);
}

/**
 * What is wrong with an attribute's name, or undefined. Checked by the readers as each name comes in, before it is
 * used as a key (`__proto__` is no name).
 */
export function attributeNameProblem(name: string): Problem | undefined {
  if (!NAME.test(name))
    return new Problem(
      `invalid attribute name "${name}": CloudEvents attribute names are lower-case ASCII letters and digits`,
    );
  return name === 'data'
    ? new Problem('no attribute may be named "data": the name is reserved for the data')
    : undefined;
}

function valueProblem(name: string, value: string): Problem | undefined {
  const found = FORBIDDEN.exec(value);
  if (!found) return undefined;
  const code = found[0].codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code <= 0x9f) return new Problem(`attribute "${name}" contains a control character (${hex})`);
  if (code >= 0xd800 && code <= 0xdfff)
    return new Problem(`attribute "${name}" contains half of a surrogate pair (${hex}), which is no character`);
  return new Problem(`attribute "${name}" contains ${hex}, a Unicode noncharacter, which CloudEvents forbids`);
}

const FORMATS: Record<string, string> = {
  'uri-reference': 'a URI reference (RFC 3986) such as usvc://cabs/transit or /sensors/42',
  uri: 'an absolute URI (RFC 3986) such as urn:cabs:schema:cabs.transit.complete-transit:v1',
};

/** The schema's first finding (Ajv's `/source must match format "uri-reference"`) as a sentence about the attribute. */
function schemaProblem(attributes: Readonly<Record<string, string>>): Problem {
  const [error] = (validateAttributes as unknown as { errors?: SchemaError[] | null }).errors ?? [];
  const name = error?.instancePath.replace(/^\//, '') ?? '';
  if (error?.keyword === 'minLength') return new Problem(`attribute "${name}" must not be empty`);
  if (error?.keyword === 'format') {
    const format = String(error.params?.format);
    return new Problem(
      `attribute "${name}" must match format "${format}"${FORMATS[format] ? `, ${FORMATS[format]}` : ''}; got "${attributes[name]}"`,
    );
  }
  return new Problem(`attribute "${name}" ${error?.message ?? 'is not valid'}`);
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: { format?: string };
}
