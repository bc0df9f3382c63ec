import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { inject } from 'vitest';
import { contracts, issueInvoiceV1 } from '@cabs/contracts';
import { migrateDeploy } from '@cabs/postgres';
import {
  createEmptyDatabase,
  serviceUnderTest,
  waitFor,
  type EventSink,
  type ServiceUnderTestOptions,
} from '@cabs/testing';
import { FixtureModule } from '../fixture/src/fixture.module.js';

/** The fixture service of the chassis' tests (test/fixture): what it handles and emits, and how to start it. */

const fixtureDir = fileURLToPath(new URL('../fixture', import.meta.url));

/** The fixture service for the tests of the calling describe block, on a fresh database with the fixture's schema. */
export function fixtureServiceUnderTest(label: string, options: Omit<ServiceUnderTestOptions, 'database'> = {}) {
  const database = async () => {
    const url = await createEmptyDatabase(inject('pg'), label);
    await migrateDeploy(fixtureDir, url);
    return url;
  };
  return serviceUnderTest(FixtureModule, { database, ...options });
}

/**
 * An issue-invoice v1 for the fixture, which notes it and emits invoice-issued. Its client name steers the handler:
 * 'slow' and 'stuck' make it sleep in the database, 'never', 'not-yet' and 'crash-after-writing' make it fail.
 */
export const issueInvoice = (clientName: string, overrides: Record<string, unknown> = {}) => ({
  type: issueInvoiceV1.type,
  dataschema: issueInvoiceV1.dataschema,
  data: {
    transitId: randomUUID(),
    clientId: randomUUID(),
    clientName,
    amount: { amount: 4200, currency: 'PLN' },
    ...overrides,
  },
});

/** The invoice-issued events about a ride that reached the sink; undefined while there are none (a probe for waitFor). */
export function issuedAbout(sink: EventSink, transitId: string) {
  const found = sink
    .ofType(contracts.invoiceIssued.type)
    .filter((e) => (e.data as { transitId: string }).transitId === transitId);
  return found.length ? found : undefined;
}

/** Waits until a handler sleeps in the database (see `issueInvoice`), so that it is in flight. */
export const handlerSleeping = (db: pg.Pool, what: string) =>
  waitFor(
    what,
    async () =>
      ((await db.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"))
        .rowCount ?? 0) > 0,
  );
