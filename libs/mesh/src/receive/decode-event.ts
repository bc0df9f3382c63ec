import { CloudEvent, HTTP, ValidationError } from 'cloudevents';
import { decodeHeaderValue, envelopeProblem, contextProblem } from './attribute-checks.js';

export type Decoded = { ok: true; event: CloudEvent<unknown> } | { ok: false; message: string };

/**
 * A CloudEvent from an HTTP request, in binary or structured mode, specversion 1.0 or 0.3, through the CloudEvents
 * SDK. Batched mode is refused: the mesh delivers one event per request.
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
      return { ok: false, message: `Not a valid CloudEvent (the structured-mode body is not JSON: ${(err as Error).message})` };
    }
    const problem = envelopeProblem(envelope) ?? contextProblem(envelope as Record<string, unknown>);
    if (problem) return { ok: false, message: `Not a valid CloudEvent (${problem})` };
  } else if (Object.keys(flat).some((h) => h.startsWith('ce-'))) {
    const problem = contextProblem(Object.fromEntries(Object.entries(flat).map(([h, v]) => [h.slice(3), v])));
    if (problem) return { ok: false, message: `Not a valid CloudEvent (${problem}; binary mode carries it in header ce-${problem.match(/"(\w+)"/)?.[1]})` };
  }
  try {
    const decoded = HTTP.toEvent({ headers: flat, body: body as string });
    if (Array.isArray(decoded)) return { ok: false, message: 'Batched CloudEvents are not accepted; send one event per request' };
    return { ok: true, event: decoded as CloudEvent<unknown> };
  } catch (err) {
    const details = err instanceof ValidationError && err.errors?.length ? `: ${JSON.stringify(err.errors)}` : '';
    return { ok: false, message: `Not a valid CloudEvent (${(err as Error).message}${details})` };
  }
}
