import { requestJson } from './http-json.js';
import { prepareRide, type Driver } from './rides.js';
import type { SystemPorts } from './system.js';

/** Drivers whose fee terms show every rule of domain.md (fees service), registered through the drivers API. */
export const SEED_DRIVERS = [
  { firstName: 'Ada', lastName: 'Lovelace', licenseNumber: 'LOVEL812109AD9XY' }, // no terms: the default 2 %
  { firstName: 'Grace', lastName: 'Hopper', licenseNumber: 'HOPPE906125GH1NY', feeTerms: { type: 'flat', amount: 1000 } },
  { firstName: 'Alan', lastName: 'Turing', licenseNumber: 'TURIN912234AT7UK', feeTerms: { type: 'percentage', amount: 700, min: 500 } },
  { firstName: 'Margaret', lastName: 'Hamilton', licenseNumber: 'HAMIL811136MH3US', feeTerms: { type: 'percentage', amount: 5000 }, legacyId: 1 },
  { firstName: 'Edsger', lastName: 'Dijkstra', licenseNumber: 'DIJKS830511ED1NL', feeTerms: { type: 'percentage', amount: 1500, min: 1000 } },
  { firstName: 'Barbara', lastName: 'Liskov', licenseNumber: 'LISKO839117BL6US', feeTerms: { type: 'flat', amount: 500, min: 300 } },
];

/**
 * First start only: seed data created through the services' own APIs (never by writing into their databases),
 * so the demo has drivers and rides waiting to be completed — fewer rides than drivers, so `cabs ride` and the
 * console's "New ride" always find a free driver.
 */
export async function seedIfEmpty(ports: SystemPorts, log: (line: string) => void, rides = 3): Promise<boolean> {
  const base = `http://127.0.0.1:${ports.drivers}`;
  const existing = await requestJson<Driver[] | { items: Driver[] }>('GET', `${base}/drivers?limit=1`);
  if ((Array.isArray(existing) ? existing : existing.items).length) return false;
  for (const driver of SEED_DRIVERS) {
    const created = await requestJson<Driver>('POST', `${base}/drivers`, driver);
    await requestJson('POST', `${base}/drivers/${created.id}/activate`);
  }
  for (let n = 0; n < rides; n++) await prepareRide(ports, n);
  log(`seeded ${SEED_DRIVERS.length} drivers and ${rides} rides waiting to be completed`);
  return true;
}
