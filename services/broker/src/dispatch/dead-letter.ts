import type { MeshEvent } from '@cabs/cloudevents';

/** Knative puts at most this much of the failed response into `knativeerrordata`. */
export const ERROR_DATA_LIMIT = 1024;

/**
 * The event as it goes to the dead-letter sink: the original, unchanged, plus Knative's error extensions —
 * `knativeerrordest` (the subscriber URL), `knativeerrorcode` (its HTTP status, when it answered) and
 * `knativeerrordata` (base64 of the first 1024 bytes of its answer, when there were any).
 */
export function deadLetterEvent(
  event: MeshEvent,
  failure: { dest: string | null; status: number | null; body: Buffer | null },
): MeshEvent {
  const attributes: Record<string, string> = { ...event.attributes };
  if (failure.dest) attributes.knativeerrordest = failure.dest;
  if (failure.status !== null) attributes.knativeerrorcode = String(failure.status);
  if (failure.body?.length) attributes.knativeerrordata = failure.body.subarray(0, ERROR_DATA_LIMIT).toString('base64');
  return { attributes, data: event.data };
}
