import { contextProblem } from './attribute-rules.js';
import { binaryModeAttributes } from './binary-mode.js';
import { contentMode, isJson } from './content-type.js';
import type { HttpHeaders } from './http-headers.js';
import { Problem, type Decoded } from './mesh-event.js';
import { envelopeData, readEnvelope } from './structured-mode.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One CloudEvent (1.0 or 0.3, binary or structured mode) from an HTTP message whose body is raw bytes — the broker's
 * ingress and its subscribers' replies. The data come out as bytes as binary mode carries them: the body itself, or
 * structured mode's data serialised (JSON values as JSON, text as UTF-8, base64 decoded).
 *
 * Hand-written rather than the SDK's `HTTP.toEvent` (docs/decisions/0019-one-cloudevents-codec.md): that one is
 * lenient where a receiver must not be (it invents a missing id, time and specversion, validates neither 0.3 nor
 * the time, and rewrites `time`), and builds an error with a stack trace for every header it reads. Here a valid
 * event costs no Error, no try/catch and no regex compiled per event; the SDK's compiled schema still judges formats.
 *
 * `receiver` names who answers (`the broker`), for the message about an unsupported version.
 */
export function decodeHttpEvent(headers: HttpHeaders, body: Buffer, receiver: string): Decoded<Buffer> {
  const mode = contentMode(headers['content-type']);
  if (mode instanceof Problem) return refused(mode);
  if (mode === 'binary') return decodeBinary(headers, body.length ? body : undefined, receiver);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return refused(new Problem('the structured-mode body is not valid UTF-8, as JSON must be'));
  }
  const decoded = decodeStructured(text, receiver);
  if (!decoded.ok) return decoded;
  const { attributes, data } = decoded.event;
  return { ok: true, event: { attributes, data: asBytes(attributes.datacontenttype, data) } };
}

/**
 * The same from a message whose body a framework has parsed already — the chassis' `POST /` on Fastify: JSON bodies
 * as values, text as strings, structured mode as its text. The data come out as the parser left them, or as the
 * envelope's JSON value (bytes for base64).
 */
export function decodeParsedHttpEvent(headers: HttpHeaders, body: unknown, receiver: string): Decoded<unknown> {
  const mode = contentMode(headers['content-type']);
  if (mode instanceof Problem) return refused(mode);
  if (mode === 'binary') return decodeBinary(headers, body === null || body === '' ? undefined : body, receiver);
  if (typeof body === 'string') return decodeStructured(body, receiver);
  return refused(new Problem('the structured-mode body must be JSON text'));
}

function decodeBinary<D>(headers: HttpHeaders, data: D | undefined, receiver: string): Decoded<D> {
  const attributes = binaryModeAttributes(headers);
  if (attributes instanceof Problem) return refused(attributes);
  const problem = contextProblem(attributes, 'header', receiver);
  return problem ? refused(problem) : { ok: true, event: { attributes, data } };
}

function decodeStructured(text: string, receiver: string): Decoded<unknown> {
  const envelope = readEnvelope(text);
  if (envelope instanceof Problem) return refused(envelope);
  const problem = contextProblem(envelope.attributes, 'field', receiver);
  if (problem) return refused(problem);
  const data = envelopeData(envelope);
  if (data instanceof Problem) return refused(data);
  return { ok: true, event: { attributes: envelope.attributes, data } };
}

/** Structured mode's data as the bytes binary mode carries. */
function asBytes(contentType: string | undefined, data: unknown): Buffer | undefined {
  if (data === undefined || Buffer.isBuffer(data)) return data;
  if (typeof data === 'string' && contentType !== undefined && !isJson(contentType)) return Buffer.from(data, 'utf8');
  return Buffer.from(JSON.stringify(data));
}

const refused = (problem: Problem): { ok: false; problem: string } => ({ ok: false, problem: problem.message });
