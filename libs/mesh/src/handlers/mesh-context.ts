import type { DataOf, EventContract } from '@cabs/contracts';

/** The attributes of the event being handled. */
export interface ReceivedEvent {
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  dataschema?: string;
}

export interface EmitOptions {
  /** Defaults to the subject of the event being handled (the transit id for a ride's events). */
  subject?: string;
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

/** What a handler gets besides the validated data: the transaction, and ways to emit and reply. */
export interface MeshContext<Tx = unknown> {
  readonly event: ReceivedEvent;
  /** The transaction in which the inbox entry, the handler's writes and its emitted events commit together. */
  readonly tx: Tx;
  /** Queues an event in the outbox, in this transaction. */
  emit<C extends EventContract>(contract: C, data: DataOf<C>, options?: EmitOptions): Promise<void>;
  /**
   * Publishes again, unchanged, the latest `contract` event this service emitted about `subject` (default: the handled
   * event's subject) — the answer to a command already carried out, in case the first answer never arrived. Resolves
   * to false when there is no such event.
   */
  restate(contract: EventContract, options?: EmitOptions): Promise<boolean>;
  /** Builds a reply to return from the handler (the legacy request/response style). */
  reply<C extends EventContract>(contract: C, data: DataOf<C>, options?: ReplyOptions): MeshReply;
}
