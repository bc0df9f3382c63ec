import type { ApiError } from '../shared/console-api.js';

/** A failed call to the console's server, with the message it gave (which names the service at fault). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Answer<T> {
  status: number;
  statusText: string;
  body: T;
}

/** Relative to the page, so the console also works behind a path prefix. */
async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  acceptStatus: (status: number) => boolean = (s) => s < 400,
  body?: unknown,
): Promise<Answer<T>> {
  let response: Response;
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  try {
    response = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...json },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'the console server is not answering');
  }
  const text = await response.text();
  const answer = text ? (JSON.parse(text) as unknown) : undefined;
  if (!acceptStatus(response.status))
    throw new ApiFailure(
      response.status,
      (answer as ApiError | undefined)?.message ?? `${response.status} ${response.statusText}`,
    );
  return { status: response.status, statusText: response.statusText, body: answer as T };
}

export const getJson = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).body;

export const postJson = async <T>(path: string, body?: unknown): Promise<T> =>
  (await call<T>('POST', path, undefined, body)).body;

/** The answer whatever its status: the page shows the broker's own verdict. */
export const postForAnswer = <T>(path: string): Promise<Answer<T>> => call<T>('POST', path, () => true);
