import { CloudEvent, HTTP, ValidationError } from 'cloudevents';

export type Decoded = { ok: true; event: CloudEvent<unknown> } | { ok: false; message: string };

/**
 * A CloudEvent from an HTTP request, in binary or structured mode, specversion 1.0 or 0.3, through the CloudEvents
 * SDK. Batched mode is refused: the mesh delivers one event per request.
 */
export function decodeEvent(headers: Record<string, string | string[] | undefined>, body: unknown): Decoded {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  if ((flat['content-type'] ?? '').startsWith('application/cloudevents-batch')) {
    return { ok: false, message: 'Batched CloudEvents are not accepted; send one event per request' };
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
