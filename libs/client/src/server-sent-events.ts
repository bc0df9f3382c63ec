import { createParser } from 'eventsource-parser';
import { parseBody, refusal, send, type RequestOptions } from './http-json.js';

/** One message of a Server-Sent Events stream; `event` is `message` where the server named none. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * The messages of a `text/event-stream` body as they complete, however its chunks split lines (parsed by
 * eventsource-parser, to the HTML standard: comments, multi-line data, CR LF). Ends with the body.
 */
export async function* serverSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const completed: ServerSentEvent[] = [];
  const parser = createParser({
    onEvent: ({ event, data, id }) => completed.push({ event: event ?? 'message', data, ...(id ? { id } : {}) }),
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (completed.length) yield* completed.splice(0);
  }
}

/**
 * Opens a Server-Sent Events stream (`GET`, no time limit: it ends when the server closes it or `signal` aborts):
 * resolves once the server has answered 2xx, then yields its messages. `NoAnswer` / `Refused` as `requestJson`.
 */
export async function openEventStream(
  url: string,
  options: Omit<RequestOptions, 'timeoutMs'> = {},
): Promise<AsyncGenerator<ServerSentEvent>> {
  const res = await send(url, {
    ...options,
    timeoutMs: Infinity,
    headers: { accept: 'text/event-stream', ...options.headers },
  });
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    throw refusal('GET', url, { status: res.status, statusText: res.statusText, body: parseBody(text) });
  }
  return serverSentEvents(res.body);
}
