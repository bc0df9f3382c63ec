/** Nothing answered at all: the service is not running, or not yet. */
export class NoAnswer extends Error {
  override name = 'NoAnswer';
}

/** The service answered, with a status other than 2xx; the message is the service's own. */
export class Refused extends Error {
  override name = 'Refused';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** For the whole exchange, body included: 30 s unless said; `Infinity` for none (a stream). */
  timeoutMs?: number;
  /** Stops the request; an aborted request rejects with the abort, not with `NoAnswer`. */
  signal?: AbortSignal;
}

/** An answer as it came: any status. `body` is the JSON parsed, or the text when it is not JSON. */
export interface JsonAnswer<T> {
  status: number;
  statusText: string;
  headers: Headers;
  body: T;
}

/** Why a fetch got no answer, in words: `connection refused`, `no answer in time`. */
export function noAnswerAt(url: string, err: unknown): NoAnswer {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const why =
    cause?.code === 'ECONNREFUSED'
      ? 'connection refused'
      : (err as Error).name === 'TimeoutError'
        ? 'no answer in time'
        : (cause?.message ?? (err as Error).message);
  return new NoAnswer(`Nothing answers at ${new URL(url).origin} (${why})`);
}

/** Sends a request; `NoAnswer` when nothing answers, the response (any status) otherwise. */
export async function send(url: string, init: RequestInit & RequestOptions): Promise<Response> {
  const { timeoutMs = 30_000, signal, ...rest } = init;
  const stops = [signal, Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  try {
    return await fetch(url, { ...rest, signal: stops.length > 1 ? AbortSignal.any(stops) : stops[0] });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw noAnswerAt(url, err);
  }
}

/** JSON over HTTP, whatever the status: for callers that look at the status themselves (tests, probes). */
export async function fetchJson<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<JsonAnswer<T>> {
  const { headers = {} } = options;
  const res = await send(url, {
    ...options,
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, statusText: res.statusText, headers: res.headers, body: parseBody(text) as T };
}

/** JSON over HTTP to a service: its answer, or `NoAnswer` / `Refused` saying what went wrong. */
export async function requestJson<T>(
  method: string,
  url: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const answer = await fetchJson(method, url, body, options);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  throw refusal(method, url, answer);
}

/** A non-2xx answer as a `Refused`, with the service's own message (Nest's list of messages joined). */
export function refusal(method: string, url: string, answer: Omit<JsonAnswer<unknown>, 'headers'>): Refused {
  const message = (answer.body as { message?: unknown } | undefined)?.message ?? answer.body ?? answer.statusText;
  return new Refused(
    answer.status,
    `${method} ${url} answered ${answer.status}: ${Array.isArray(message) ? message.join('; ') : String(message)}`,
  );
}

/** A body as JSON, or as the text it is when it is not JSON; `undefined` when empty. */
export function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
