import { HTTP, ValidationError } from 'cloudevents';
import { decodeHeaderValue, envelopeProblem, contextProblem } from './attribute-checks.js';

/** A received event: its context attributes (extensions included) and its data. */
export interface IncomingEvent {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string;
  readonly time?: string;
  readonly dataschema?: string;
  readonly datacontenttype?: string;
  readonly data?: unknown;
  readonly [extension: string]: unknown;
}

export type Decoded = { ok: true; event: IncomingEvent } | { ok: false; message: string };

/**
 * A CloudEvent from an HTTP request, in binary or structured mode, specversion 1.0 or 0.3. Batched mode is refused:
 * the mesh delivers one event per request. The attributes are checked here (the SDK does not check them); binary
 * mode 1.0 — every delivery of this mesh — is then read straight from the checked headers, everything else through
 * the CloudEvents SDK, whose binary parser builds an error object with a stack trace for every header it reads,
 * valid or not: a good part of a service's CPU per delivery (decision 0012).
 */
export function decodeEvent(headers: Record<string, string | string[] | undefined>, body: unknown): Decoded {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const name = k.toLowerCase();
    const value = Array.isArray(v) ? v.join(',') : v;
    if (!name.startsWith('ce-')) {
      flat[name] = value;
      continue;
    }
    const decoded = decodeHeaderValue(name, value);
    if ('problem' in decoded) return { ok: false, message: `Not a valid CloudEvent (${decoded.problem})` };
    flat[name] = decoded.value;
  }
  const contentType = flat['content-type'] ?? '';
  if (contentType.startsWith('application/cloudevents-batch')) {
    return { ok: false, message: 'Batched CloudEvents are not accepted; send one event per request' };
  }
  if (contentType.startsWith('application/cloudevents+json')) {
    let envelope: unknown;
    try {
      envelope = JSON.parse(String(body));
    } catch (err) {
      return {
        ok: false,
        message: `Not a valid CloudEvent (the structured-mode body is not JSON: ${(err as Error).message})`,
      };
    }
    const problem = envelopeProblem(envelope) ?? contextProblem(envelope as Record<string, unknown>);
    if (problem) return { ok: false, message: `Not a valid CloudEvent (${problem})` };
  } else if (Object.keys(flat).some((h) => h.startsWith('ce-'))) {
    const attributes = Object.fromEntries(
      Object.entries(flat)
        .filter(([h]) => h.startsWith('ce-'))
        .map(([h, v]) => [h.slice(3), v]),
    );
    const problem = contextProblem(attributes);
    if (problem)
      return {
        ok: false,
        message: `Not a valid CloudEvent (${problem}; binary mode carries it in header ce-${problem.match(/"(\w+)"/)?.[1]})`,
      };
    if (attributes.specversion === '1.0') return { ok: true, event: binaryEvent(attributes, contentType, body) };
  }
  try {
    const decoded = HTTP.toEvent({ headers: flat, body: body as string });
    if (Array.isArray(decoded))
      return { ok: false, message: 'Batched CloudEvents are not accepted; send one event per request' };
    return { ok: true, event: decoded as unknown as IncomingEvent };
  } catch (err) {
    const details = err instanceof ValidationError && err.errors?.length ? `: ${JSON.stringify(err.errors)}` : '';
    return { ok: false, message: `Not a valid CloudEvent (${(err as Error).message}${details})` };
  }
}

/** Binary mode 1.0: the context is the checked ce- headers, the content type is the datacontenttype. */
function binaryEvent(attributes: Record<string, string>, contentType: string, body: unknown): IncomingEvent {
  const event = { ...attributes, ...(contentType ? { datacontenttype: contentType } : {}) } as Record<string, unknown>;
  // A JSON body reaches here parsed by the platform's body parser; other bodies stay as they came.
  if (body !== undefined && body !== null && body !== '') event.data = body;
  return event as unknown as IncomingEvent;
}
