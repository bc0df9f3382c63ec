import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';

export interface EventInit {
  type: string;
  data: unknown;
  source?: string;
  id?: string;
  subject?: string;
  dataschema?: string;
  [extension: string]: unknown;
}

export interface SendOptions {
  mode?: 'binary' | 'structured';
  headers?: Record<string, string>;
}

/** POSTs a CloudEvent over real HTTP, as the mesh would deliver it. Returns the fetch Response. */
export async function sendEvent(url: string, init: EventInit, options: SendOptions = {}): Promise<Response> {
  const event = new CloudEvent(
    { id: randomUUID(), source: 'usvc://cabs/test', datacontenttype: 'application/json', ...init },
    false,
  );
  const message = options.mode === 'structured' ? HTTP.structured(event) : HTTP.binary(event);
  return fetch(url, {
    method: 'POST',
    headers: { ...(message.headers as Record<string, string>), ...options.headers },
    body: message.body as string,
  });
}
