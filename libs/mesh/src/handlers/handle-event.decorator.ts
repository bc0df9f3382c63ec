import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@cabs/contracts';

export const HANDLE_EVENT = Symbol.for('cabs.mesh.handle-event');

/**
 * Marks a provider method as the handler of one event contract (type + version):
 *
 *   @HandleEvent(contracts.calculateFee)
 *   async handle(data: DataOf<typeof contracts.calculateFee>, ctx: MeshContext<Tx>) { ... }
 *
 * The mesh validates `data` against the contract before the method runs.
 */
export const HandleEvent = (contract: EventContract): MethodDecorator => SetMetadata(HANDLE_EVENT, contract);
