import { Problem } from './mesh-event.js';

const CLOUDEVENTS = /^application\/cloudevents/i;
const BATCH = /^application\/cloudevents-batch/i;
const JSON_FORMAT = /^application\/cloudevents\+json/i;
const JSON_TYPE = /^(application|text)\/([^;]+\+)?json\s*(;.*)?$/i;

/**
 * The content mode a Content-Type asks for (HTTP binding 1.0.2, §3): structured mode for the JSON format; batches and
 * other formats are refused, as Knative's broker ingress refuses them; anything else is binary mode, whose
 * Content-Type is the data's.
 */
export function contentMode(contentType: string | string[] | undefined): 'binary' | 'structured' | Problem {
  if (typeof contentType !== 'string' || !CLOUDEVENTS.test(contentType)) return 'binary';
  if (BATCH.test(contentType))
    return new Problem(
      'batched content mode (application/cloudevents-batch+json) is not supported: send one event per request',
    );
  if (!JSON_FORMAT.test(contentType))
    return new Problem(`structured mode in "${contentType}" is not supported: use application/cloudevents+json`);
  return 'structured';
}

/** Whether a content type is JSON: application/json, text/json, or any `+json` suffix, parameters allowed. */
export function isJson(contentType: string): boolean {
  return JSON_TYPE.test(contentType.trim());
}
