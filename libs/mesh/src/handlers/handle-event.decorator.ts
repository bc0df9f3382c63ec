import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@cabs/contracts';

export const HANDLE_EVENT = Symbol.for('cabs.mesh.handle-event');

export interface HandleEventOptions {
  /**
   * The handler's write is idempotent by itself — one statement whose effect is the same however often it runs (an
   * UPDATE that sets values, an INSERT … ON CONFLICT DO NOTHING on the fact's id) — and it emits, restates and replies
   * nothing. Then the mesh applies it without an inbox entry and without a transaction of its own: the statement
   * commits by itself, one round trip instead of four (BEGIN, inbox, statement, COMMIT). A redelivery runs it again,
   * to the same effect. A second statement, an emit or a reply is refused as the bug it is (decision 0021).
   */
  idempotent?: boolean;
}

/** What `@HandleEvent` records on the method. */
export interface HandleEventMetadata extends HandleEventOptions {
  contract: EventContract;
}

/**
 * Marks a provider method as the handler of one event contract (type + version):
 *
 *   @HandleEvent(contracts.calculateFee)
 *   async handle(data: DataOf<typeof contracts.calculateFee>, ctx: MeshContext) { ... }
 *
 * The mesh validates `data` against the contract before the method runs.
 */
export const HandleEvent = (contract: EventContract, options: HandleEventOptions = {}): MethodDecorator =>
  SetMetadata(HANDLE_EVENT, { contract, ...options } satisfies HandleEventMetadata);
