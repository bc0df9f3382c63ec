import type { DataOf, EventContract } from '@cabs/contracts';
import type { EmitOptions, WriteContext } from '../write/unit-of-work.js';

/** The attributes of the event being handled. */
export interface ReceivedEvent {
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  dataschema?: string;
}

export interface ReplyOptions extends EmitOptions {
  /** Defaults to this service's source; a compatibility answer may speak as the service the caller expects. */
  source?: string;
}

/** A reply: a CloudEvent returned in the HTTP response, which the broker routes as a new event. */
export interface MeshReply {
  readonly contract: EventContract;
  readonly data: unknown;
  readonly subject?: string;
  readonly source?: string;
}

/**
 * What a handler gets besides the validated data: the event's attributes, its unit of work (the transaction in which
 * the inbox entry, the handler's writes and its emitted events commit together; emitted events default to the
 * handled event's subject) and a way to reply.
 */
export interface MeshContext extends WriteContext {
  readonly event: ReceivedEvent;
  /** Builds a reply to return from the handler (the legacy request/response style). */
  reply<C extends EventContract>(contract: C, data: DataOf<C>, options?: ReplyOptions): MeshReply;
}
