import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { contracts, SOURCES } from '@cabs/contracts';
import { addressOnly, type Address } from './api-shapes.js';
import { send } from './http-json.js';

export interface CompleteOptions {
  /** Who asks (a name of SOURCES); the cabs CLI by default. */
  source?: string;
  /** The mesh token, sent as `Authorization: Bearer`. */
  token?: string;
  /** The event's id, when the caller must know it before sending (e.g. to name it in a trace); a new UUID otherwise. */
  id?: string;
  /** The caller's trace context, carried as the CloudEvents `traceparent` extension. */
  traceparent?: string;
  timeoutMs?: number;
}

/** The broker's answer as it is: 202 once the event is persisted; anything else with the broker's message. */
export interface MeshAnswer {
  status: number;
  statusText: string;
  eventId: string;
  body: string;
}

/**
 * Sends CompleteTransit (the ride at its destination) to the mesh's ingress, as a rider's app would. Throws
 * `NoAnswer` only when the broker does not answer at all.
 */
export async function completeThroughMesh(
  ingressUrl: string,
  transit: { id: string; destination: Address },
  options: CompleteOptions = {},
): Promise<MeshAnswer> {
  const event = new CloudEvent({
    id: options.id ?? randomUUID(),
    source: options.source ?? SOURCES.cli,
    type: contracts.completeTransit.type,
    dataschema: contracts.completeTransit.dataschema,
    subject: transit.id,
    datacontenttype: 'application/json',
    data: { transitId: transit.id, destination: addressOnly(transit.destination) },
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
  });
  const message = HTTP.binary(event);
  const res = await send(ingressUrl, {
    method: 'POST',
    headers: {
      ...(message.headers as Record<string, string>),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: message.body as string,
    timeoutMs: options.timeoutMs,
  });
  return { status: res.status, statusText: res.statusText, eventId: event.id, body: await res.text() };
}
