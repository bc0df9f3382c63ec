/** Small JSON-over-HTTP helper for the CLI and the seed: clear errors when the system is not running. */
export class NotRunning extends Error {}

export async function requestJson<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new NotRunning(`Nothing answers at ${new URL(url).origin} (${(err as Error).cause ? ((err as Error).cause as Error).message : (err as Error).message}). Is the system running? Start it with: npm start`);
  }
  const text = await res.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const message = (parsed as { message?: unknown })?.message ?? text;
    throw new Error(`${method} ${url} answered ${res.status}: ${Array.isArray(message) ? message.join('; ') : String(message)}`);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
