import { Injectable } from '@nestjs/common';
import { SOURCES, contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext, type MeshReply } from '@cabs/mesh';
import { notInProjectionYet, selectDriverTermsByLegacyId } from '../db/driver-terms.js';
import { answerLegacyCalculateFee } from '../domain/legacy-fee.js';

/**
 * The upstream demo's legacy app asks for a fee in its own words and waits for the answer as a reply event.
 * Only answered, not recorded: the legacy app keeps its own books of those rides.
 */
@Injectable()
export class LegacyCalculateFeeHandler {
  @HandleEvent(contracts.legacyCalculateFee)
  async handle(request: DataOf<typeof contracts.legacyCalculateFee>, { tx, reply }: MeshContext): Promise<MeshReply> {
    const legacyId = request['driver-id'];
    const driver =
      (await selectDriverTermsByLegacyId(tx, legacyId)) ?? notInProjectionYet(`The driver with legacy id ${legacyId}`);
    // The legacy app expects the answer from the drivers service it used to call (docs/contract.md).
    return reply(contracts.legacyDriverFee, answerLegacyCalculateFee(request, driver.terms), {
      source: SOURCES.drivers,
    });
  }
}
