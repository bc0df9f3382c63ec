import { decodeHttpEvent, type MeshEvent } from '@cabs/cloudevents';
import type { AttemptResult } from './http-post.js';

/** What an attempt means for the delivery: done (maybe with a reply), worth retrying, or hopeless. */
export type Verdict =
  | { outcome: 'delivered'; status: number; reply?: MeshEvent }
  | { outcome: 'retry' | 'fail'; status: number | null; error: string; body: Buffer | null };

/** Knative retries these; every other non-2xx goes straight to the dead-letter sink. */
export function isRetryable(status: number): boolean {
  return status >= 500 || status === 404 || status === 408 || status === 409 || status === 429;
}

/** Judges a subscriber's answer by Knative's delivery contract. */
export function judgeSubscriberAnswer(result: AttemptResult): Verdict {
  if (result.kind === 'failure') return { outcome: 'retry', status: null, error: result.error, body: null };
  const { status, headers, body, truncated } = result;
  if (status < 200 || status > 299) {
    return isRetryable(status)
      ? { outcome: 'retry', status, error: `HTTP ${status}`, body }
      : { outcome: 'fail', status, error: `HTTP ${status}, which is not retried`, body };
  }
  if (truncated) return { outcome: 'fail', status, error: 'the reply is larger than the 1 MiB event limit', body };
  const contentType = String(headers['content-type'] ?? '');
  if (headers['ce-specversion'] !== undefined || contentType.startsWith('application/cloudevents')) {
    const reply = decodeHttpEvent(headers, body, 'the broker');
    return reply.ok
      ? { outcome: 'delivered', status, reply: reply.event }
      : { outcome: 'fail', status, error: `the reply is not a valid CloudEvent: ${reply.problem}`, body };
  }
  if (body.length > 0)
    return { outcome: 'fail', status, error: `HTTP ${status} with a body that is not a CloudEvent`, body };
  return { outcome: 'delivered', status };
}

/** A dead-letter sink only has to take the event: any 2xx will do, whatever it answers. */
export function judgeDeadLetterSinkAnswer(result: AttemptResult): Verdict {
  if (result.kind === 'response' && result.status >= 200 && result.status <= 299)
    return { outcome: 'delivered', status: result.status };
  return judgeSubscriberAnswer(result);
}
