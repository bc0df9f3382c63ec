import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { validateData, type DataOf, type EventContract } from '@cabs/contracts';
import { currentTraceHeaders } from '@cabs/platform';
import type { SqlExecutor } from '../sql.js';
import { MESH_OPTIONS, type MeshOptions } from '../mesh-options.js';

/** The channel the relay LISTENs on. */
export const OUTBOX_CHANNEL = 'mesh_outbox';

export interface OutboxEntry {
  contract: EventContract;
  data: unknown;
  subject?: string;
}

/**
 * Writes events into the service's outbox table inside the caller's transaction. They are published only if that
 * transaction commits — and then certainly, by the relay — so a change and the events it causes never part ways.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(MESH_OPTIONS) private readonly options: MeshOptions) {}

  get source(): string {
    return `usvc://cabs/${this.options.service}`;
  }

  async emit<C extends EventContract>(tx: SqlExecutor, contract: C, data: DataOf<C>, options: { subject?: string } = {}): Promise<void> {
    await this.emitAll(tx, [{ contract, data, subject: options.subject }]);
  }

  async emitAll(tx: SqlExecutor, entries: OutboxEntry[]): Promise<void> {
    if (!entries.length) return;
    const trace = currentTraceHeaders();
    const extensions = JSON.stringify(Object.fromEntries(Object.entries(trace).filter(([, v]) => v)));
    for (const { contract, data, subject } of entries) {
      // An event that breaks its own contract is a bug here, not at the receiver: fail the transaction now.
      const checked = validateData(contract, data);
      if (!checked.ok) throw new Error(`Refusing to emit invalid ${contract.type}: ${checked.errors.join('; ')}`);
      await tx.$executeRawUnsafe(
        `INSERT INTO mesh_outbox (id, type, source, subject, dataschema, data, extensions)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
        randomUUID(),
        contract.type,
        this.source,
        subject ?? null,
        contract.dataschema,
        JSON.stringify(data),
        extensions,
      );
    }
    await this.wakeRelay(tx);
  }

  /**
   * Publishes again the latest `contract` event this service stated about `subject`: the same event, same id. Whoever
   * handled it ignores it (their inbox knows the id); whoever never got it — its delivery dead-lettered while they
   * were down — handles it now. How a service answers a command it has already carried out. Returns false when this
   * service never stated such a fact.
   */
  async restate(tx: SqlExecutor, contract: EventContract, subject: string): Promise<boolean> {
    const restated = await tx.$executeRawUnsafe(
      `UPDATE mesh_outbox SET sent_at = NULL, attempts = 0, last_error = NULL, next_attempt_at = now()
        WHERE seq = (SELECT max(seq) FROM mesh_outbox WHERE type = $1 AND dataschema = $2 AND subject = $3)`,
      contract.type,
      contract.dataschema,
      subject,
    );
    if (restated) await this.wakeRelay(tx);
    return restated > 0;
  }

  // PostgreSQL delivers a NOTIFY only when (and if) the transaction commits: the relay wakes right after the commit
  // instead of waiting for its next poll, in this replica and any other.
  private async wakeRelay(tx: SqlExecutor): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  }
}
