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

/** JSON over HTTP to a service: its answer, or `NoAnswer` / `Refused` saying what went wrong. */
export async function requestJson<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw noAnswerAt(url, err);
  }
  const text = await res.text();
  const parsed = text ? parse(text) : undefined;
  if (res.ok) return parsed as T;
  const message = (parsed as { message?: unknown } | undefined)?.message ?? text;
  throw new Refused(
    res.status,
    `${method} ${url} answered ${res.status}: ${Array.isArray(message) ? message.join('; ') : String(message)}`,
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
