import type { FeeTerms } from '@cabs/contracts';
import { requestJson } from './http-json.js';

/** What `POST /drivers` takes. */
export interface DriverRegistration {
  firstName: string;
  lastName: string;
  licenseNumber: string;
  feeTerms?: FeeTerms;
  /** The number the legacy app knows the driver by. */
  legacyId?: number;
}

/** The demo's drivers: their fee terms show every rule of docs/domain.md (fees). */
export const DRIVERS: readonly DriverRegistration[] = [
  { firstName: 'Ada', lastName: 'Lovelace', licenseNumber: 'LOVEL812109AD9XY' }, // no terms: the default 2 %
  {
    firstName: 'Grace',
    lastName: 'Hopper',
    licenseNumber: 'HOPPE906125GH1NY',
    feeTerms: { type: 'flat', amount: 1000 },
  },
  {
    firstName: 'Alan',
    lastName: 'Turing',
    licenseNumber: 'TURIN912234AT7UK',
    feeTerms: { type: 'percentage', amount: 700, min: 500 },
  },
  {
    firstName: 'Margaret',
    lastName: 'Hamilton',
    licenseNumber: 'HAMIL811136MH3US',
    feeTerms: { type: 'percentage', amount: 5000 },
    legacyId: 1,
  },
  {
    firstName: 'Edsger',
    lastName: 'Dijkstra',
    licenseNumber: 'DIJKS830511ED1NL',
    feeTerms: { type: 'percentage', amount: 1500, min: 1000 },
  },
  {
    firstName: 'Barbara',
    lastName: 'Liskov',
    licenseNumber: 'LISKO839117BL6US',
    feeTerms: { type: 'flat', amount: 500, min: 300 },
  },
];

/** Registers each driver through the drivers API and activates it, so it can take rides; returns their ids. */
export async function registerDrivers(
  driversUrl: string,
  drivers: readonly DriverRegistration[] = DRIVERS,
): Promise<string[]> {
  const ids: string[] = [];
  for (const driver of drivers) {
    const { id } = await requestJson<{ id: string }>('POST', `${driversUrl}/drivers`, driver);
    await requestJson('POST', `${driversUrl}/drivers/${id}/activate`);
    ids.push(id);
  }
  return ids;
}
