import type { IncomingHttpHeaders } from 'node:http';
import { HTTP, ValidationError, type CloudEvent } from 'cloudevents';
import { nestsDeeperThan } from '@cabs/contracts';
import { binaryModeAttributes } from './binary-mode.js';
import { InvalidPercentEncoding } from './header-values.js';
import type { MeshEvent } from './mesh-event.js';

/** The request does not hold a valid CloudEvent; the message says what is wrong, for a 400. */
export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

export const SUPPORTED_SPECVERSIONS = ['1.0', '0.3'];
const REQUIRED = ['id', 'source', 'type'] as const;
/** The JSON format types these as String (URI, Timestamp): a number or boolean is only for extensions. */
const STRING_TYPED = new Set([
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
/** As deep as the Kafka Broker's JSON parser goes (Jackson's default maximum nesting depth). */
export const MAX_JSON_DEPTH = 1000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
// CloudEvents 1.0 forbids control characters in string values.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Decodes one CloudEvent from an HTTP message in binary or structured mode (CloudEvents 1.0 or 0.3).
 *
 * The SDK's `HTTP.toEvent` detects the mode, parses the envelope and validates 1.0 attribute formats. It is
 * lenient where the broker must not be: it invents a missing id, time and specversion, and skips validation
 * of 0.3 and unknown versions. So the required attributes are checked here first, and the attributes kept
 * are taken from the message itself (the SDK rewrites `time`), so they are delivered unchanged.
 */
export function decodeHttpEvent(headers: IncomingHttpHeaders, body: Buffer): MeshEvent {
  const contentType = (headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/cloudevents-batch')) {
    throw new InvalidEventError(
      'batched content mode (application/cloudevents-batch+json) is not supported: send one event per request',
    );
  }
  return contentType.startsWith('application/cloudevents')
    ? decodeStructured(headers, contentType, body)
    : decodeBinary(headers, body);
}

function decodeBinary(headers: IncomingHttpHeaders, body: Buffer): MeshEvent {
  let attributes: Record<string, string>;
  try {
    attributes = binaryModeAttributes(headers);
  } catch (err) {
    if (err instanceof InvalidPercentEncoding) throw new InvalidEventError(err.message);
    throw err;
  }
  if (attributes.specversion === undefined) {
    const anyCeHeader = Object.keys(headers).some((h) => h.startsWith('ce-'));
    throw new InvalidEventError(
      anyCeHeader
        ? 'missing required attribute "specversion" (header ce-specversion)'
        : 'not a CloudEvent: expected binary mode (ce-specversion, ce-id, ce-source and ce-type headers) or structured mode (Content-Type: application/cloudevents+json)',
    );
  }
  checkAttributes(attributes, (name) => `header ce-${name}`);
  validateWithSdk(headers, undefined);
  return { attributes, data: body.length ? body : undefined };
}

function decodeStructured(headers: IncomingHttpHeaders, contentType: string, body: Buffer): MeshEvent {
  if (!contentType.startsWith('application/cloudevents+json')) {
    throw new InvalidEventError(
      `structured mode in "${contentType}" is not supported: use application/cloudevents+json`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new InvalidEventError('the structured-mode body is not valid UTF-8, as JSON must be');
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new InvalidEventError(
      `the structured-mode body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    );
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (err) {
    throw new InvalidEventError(`the structured-mode body is not valid JSON (${(err as Error).message})`);
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw new InvalidEventError('the structured-mode body must be a JSON object holding one event');
  }
  const { data, data_base64: dataBase64, ...rest } = envelope as Record<string, unknown>;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (value === null) continue;
    if (typeof value === 'string') attributes[name] = value;
    else if (STRING_TYPED.has(name))
      throw new InvalidEventError(`attribute "${name}" must be a JSON string, not ${kindOf(value)}`);
    else if (typeof value === 'number' || typeof value === 'boolean') attributes[name] = String(value);
    else throw new InvalidEventError(`attribute "${name}" must be a string, number or boolean, not ${kindOf(value)}`);
  }
  checkAttributes(attributes, (name) => `field "${name}"`);
  validateWithSdk(headers, envelope as Record<string, unknown>);
  return { attributes, data: structuredData(attributes, data, dataBase64) };
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`;
}

/** The data's bytes as binary mode carries them: JSON values serialised, strings as UTF-8, base64 decoded. */
function structuredData(attributes: Record<string, string>, data: unknown, dataBase64: unknown): Buffer | undefined {
  if (dataBase64 !== undefined && dataBase64 !== null) {
    if (data !== undefined) throw new InvalidEventError('an event carries either "data" or "data_base64", not both');
    if (typeof dataBase64 !== 'string') throw new InvalidEventError('"data_base64" must be a base64 string');
    return Buffer.from(dataBase64, 'base64');
  }
  if (data === undefined || data === null) return undefined;
  if (attributes.specversion === '0.3' && attributes.datacontentencoding === 'base64' && typeof data === 'string') {
    delete attributes.datacontentencoding;
    return Buffer.from(data, 'base64');
  }
  const contentType = attributes.datacontenttype;
  if (contentType === undefined) {
    // The JSON format implies application/json for data without a content type; binary mode needs it said.
    attributes.datacontenttype = 'application/json';
    return Buffer.from(JSON.stringify(data));
  }
  if (isJson(contentType) || typeof data !== 'string') return Buffer.from(JSON.stringify(data));
  return Buffer.from(data, 'utf8');
}

export function isJson(contentType: string): boolean {
  return /^(application|text)\/([^;]+\+)?json\s*(;.*)?$/i.test(contentType.trim());
}

function checkAttributes(attributes: Record<string, string>, where: (name: string) => string): void {
  const version = attributes.specversion;
  if (version === undefined)
    throw new InvalidEventError(`missing required attribute "specversion" (${where('specversion')})`);
  if (!SUPPORTED_SPECVERSIONS.includes(version)) {
    throw new InvalidEventError(
      `unsupported specversion "${version}": the broker accepts CloudEvents ${SUPPORTED_SPECVERSIONS.join(' and ')}`,
    );
  }
  for (const name of REQUIRED) {
    if (!attributes[name]) throw new InvalidEventError(`missing required attribute "${name}" (${where(name)})`);
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (!/^[a-z0-9]+$/.test(name)) {
      throw new InvalidEventError(
        `invalid attribute name "${name}": CloudEvents attribute names are lower-case ASCII letters and digits`,
      );
    }
    if (CONTROL.test(value)) throw new InvalidEventError(`attribute "${name}" contains a control character`);
  }
  if (attributes.time !== undefined && !isRfc3339(attributes.time)) {
    throw new InvalidEventError(
      `attribute "time" must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, got "${attributes.time}"`,
    );
  }
}

/** RFC 3339 in form and in range: month 13, February 30th or 99:99 match the pattern but name no instant. */
function isRfc3339(value: string): boolean {
  const parts = RFC3339.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, , offsetHour = 0, offsetMinute = 0] = parts
    .slice(1)
    .map((p) => (p?.startsWith('.') ? 0 : Number(p ?? 0)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

function validateWithSdk(headers: IncomingHttpHeaders, body: Record<string, unknown> | undefined): void {
  try {
    const decoded = HTTP.toEvent({ headers, body });
    if (Array.isArray(decoded))
      throw new InvalidEventError('batched content mode is not supported: send one event per request');
    const event = decoded as CloudEvent<unknown>;
    if (event.specversion === '1.0') event.validate();
  } catch (err) {
    if (err instanceof InvalidEventError) throw err;
    throw new InvalidEventError(sdkMessage(err));
  }
}

/** Ajv's findings (`/source must match format "uri-reference"`) as a sentence about the attribute. */
function sdkMessage(err: unknown): string {
  if (err instanceof ValidationError && Array.isArray(err.errors) && err.errors.length) {
    return err.errors
      .map((e) => {
        const { instancePath, message } = e as { instancePath?: string; message?: string };
        return instancePath ? `attribute "${instancePath.replace(/^\//, '')}" ${message}` : String(message ?? e);
      })
      .join('; ');
  }
  return `not a valid CloudEvent: ${(err as Error).message}`;
}
