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

/** What a test sends an event of a contract by: its type and the schema of its data. */
export interface SentContract {
  type: string;
  dataschema: string;
}

/** `sendEvent` of an event of `contract` carrying `data`; `init` gives the rest (id, source, subject, extensions). */
export function sendContractEvent(
  url: string,
  contract: SentContract,
  data: unknown,
  init: Omit<EventInit, 'type' | 'dataschema' | 'data'> = {},
  options?: SendOptions,
): Promise<Response> {
  return sendEvent(url, { type: contract.type, dataschema: contract.dataschema, ...init, data }, options);
}
