import { Injectable } from '@nestjs/common';
import type { DataOf, EventContract } from '@cabs/contracts';
import { SqlDatabase, type SqlClient } from '@cabs/platform';
import { Outbox, type OutboxEntry, type QueuedEvent } from '../publish/outbox.js';
import { OutboxRelay } from '../publish/outbox-relay.js';

export interface EmitOptions {
  /** Defaults to the subject of the event being handled (the transit id for a ride's events). */
  subject?: string;
}

/** What a write (a command, whatever door it came in by) works with: its transaction, and the events it states. */
export interface WriteContext {
  /** The transaction the write's changes, its events and (for a mesh command) its inbox entry commit in. */
  readonly tx: SqlClient;
  /** Queues an event: checked against its contract now, written to the outbox with the transaction's other changes. */
  emit<C extends EventContract>(contract: C, data: DataOf<C>, options?: EmitOptions): void;
  /**
   * Publishes again, unchanged, the latest `contract` event this service stated about `subject` (default: the handled
   * event's subject) — the answer to a command already carried out, in case the first answer never arrived. Resolves
   * to false when there is no such event.
   */
  restate(contract: EventContract, options?: EmitOptions): Promise<boolean>;
}

/**
 * A write in progress: its transaction, and its events until they are written, all at once, before the commit.
 * `emit` and `restate` are bound, so a handler may take them apart: `({ tx, emit }) => …`.
 */
class PendingWrite implements WriteContext {
  private readonly events: OutboxEntry[] = [];

  constructor(
    readonly tx: SqlClient,
    private readonly outbox: Outbox,
    private readonly defaultSubject?: string,
  ) {}

  readonly emit = <C extends EventContract>(contract: C, data: DataOf<C>, options: EmitOptions = {}): void => {
    this.events.push(this.outbox.entry(contract, data, options.subject ?? this.defaultSubject));
  };

  readonly restate = async (contract: EventContract, options: EmitOptions = {}): Promise<boolean> => {
    const subject = options.subject ?? this.defaultSubject;
    return subject !== undefined && this.outbox.restate(this.tx, contract, subject);
  };

  /** Writes the queued events (one statement); the caller commits. */
  flush(leaseMs: number): Promise<QueuedEvent[]> {
    return this.outbox.write(this.tx, this.events.splice(0), leaseMs);
  }
}

/**
 * The unit of work of every write, whatever door it came in by (REST, a mesh command, the reconciler): one
 * transaction holding the changes and the events they cause (outbox), so the two never part ways. Once it has
 * committed, its events are handed to the relay to publish at once.
 *
 *   await this.work.run(({ tx, emit }) => …);
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
  ) {}

  /** `subject`: the default subject of the events emitted (a mesh command's own subject). */
  async run<R>(work: (write: WriteContext) => Promise<R>, options: { subject?: string } = {}): Promise<R> {
    const { result, queued } = await this.sql.transaction(async (tx) => {
      const write = new PendingWrite(tx, this.outbox, options.subject);
      const result = await work(write);
      return { result, queued: await write.flush(this.relay.leaseMs) };
    });
    this.relay.publishCommitted(queued);
    return result;
  }
}
