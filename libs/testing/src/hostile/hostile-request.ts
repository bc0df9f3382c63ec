/** One hostile HTTP request: what it tries, and the status the contract fixes when it fixes one (else any 4xx). */
export interface HostileRequest {
  what: string;
  /** Path relative to the target, when it is not the target itself (e.g. `/cabs'--/default`). */
  path?: string;
  method?: string;
  headers: Record<string, string>;
  body?: Buffer;
  status?: number;
}

/** How a receiver answered one hostile request. */
export interface Refusal {
  status: number;
  message: string;
}

/**
 * Sends the request and returns the status and the human message of the answer (`message`, joined when it is a
 * list), or throws when the answer is not a 4xx with a message: a hostile request must be refused, and told why.
 */
export async function sendHostile(target: string, request: HostileRequest, authorization?: string): Promise<Refusal> {
  const url = request.path ? new URL(request.path, target).toString() : target;
  const headers = { ...request.headers, ...(authorization ? { authorization } : {}) };
  const response = await fetch(url, { method: request.method ?? 'POST', headers, body: request.body });
  const text = await response.text();
  const context = `${request.what} → ${response.status} ${text.slice(0, 300)}`;
  if (response.status < 400 || response.status > 499) throw new Error(`expected a 4xx for ${context}`);
  if (request.status !== undefined && response.status !== request.status)
    throw new Error(`expected ${request.status} for ${context}`);
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    throw new Error(`expected a JSON error body for ${context}`);
  }
  const said = Array.isArray(message) ? message.filter((m) => typeof m === 'string').join('; ') : message;
  if (typeof said !== 'string' || !said.trim()) throw new Error(`expected a human message for ${context}`);
  return { status: response.status, message: said };
}
