import { NoAnswer, NoFreeDriver, Refused } from '@cabs/demo';
import { describeFailure } from './describe-failure.js';

/** A call to the broker or a service that did not give what was asked; `statusCode` is what the page gets. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';

  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface UpstreamRequest {
  /** Who is asked, for messages: `transit`, `the broker`. */
  who: string;
  method?: 'GET' | 'POST';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * JSON from a service or the broker. Its 4xx answers keep their status and message (the page shows them as
 * they are); no answer at all, or a 5xx, becomes 502 naming who failed.
 */
export async function requestJson<T>({
  who,
  method = 'GET',
  url,
  body,
  headers = {},
  timeoutMs = 5000,
}: UpstreamRequest): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new UpstreamError(502, `${who} is not answering: ${describeFailure(url, err)}`);
  }
  const text = await response.text();
  const parsed = parse(text);
  if (response.ok) return parsed as T;
  const message = messageOf(parsed) ?? (text || response.statusText);
  const statusCode = response.status >= 500 ? 502 : response.status;
  throw new UpstreamError(
    statusCode,
    `${who} answered ${response.status} to ${method} ${new URL(url).pathname}: ${message}`,
  );
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

/** A failure of the demo's calls (@cabs/demo) as the page gets it, like `requestJson`'s: 4xx kept, no answer or 5xx a 502. */
export function asUpstreamError(err: unknown): unknown {
  if (err instanceof NoFreeDriver) return new UpstreamError(409, err.message);
  if (err instanceof Refused) return new UpstreamError(err.status >= 500 ? 502 : err.status, err.message);
  if (err instanceof NoAnswer) return new UpstreamError(502, err.message);
  return err;
}
