import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createEmptyDatabase } from '@cabs/testing';
import { splitGross } from '../src/domain/tax-split.js';

const migrations = fileURLToPath(new URL('../prisma/migrations/', import.meta.url));
const migration = (suffix: string) => {
  const [dir] = readdirSync(migrations).filter((name) => name.endsWith(suffix));
  return readFileSync(`${migrations}${dir}/migration.sql`, 'utf8');
};

/** Invoices issued before the VAT split get theirs from the migration: the service's own rule, at 8 %. */
describe('the vat_split migration', () => {
  let db: pg.Pool;
  const grossAmounts = [0, 1, 108, 1229, 2900, 4998, 1_000_000_007, Number.MAX_SAFE_INTEGER];

  beforeAll(async () => {
    db = new pg.Pool({ connectionString: await createEmptyDatabase(inject('pg'), 'invoicing_vat_split'), max: 1 });
    await db.query(migration('_init'));
    for (const [i, amount] of grossAmounts.entries()) {
      await db.query(
        `INSERT INTO invoices (id, number, year, sequence, transit_id, client_id, client_name, amount, currency, issued_at)
         VALUES ($1, $2, 2025, $3, $4, $5, 'Ada Lovelace', $6, 'PLN', now())`,
        [randomUUID(), `2025/${String(i + 1).padStart(6, '0')}`, i + 1, randomUUID(), randomUUID(), String(amount)],
      );
    }
    await db.query(migration('_vat_split'));
  });

  afterAll(() => db?.end());

  it('splits every existing invoice as the service splits a new one', async () => {
    const { rows } = await db.query<{ amount: string; net: string; tax: string; tax_rate_bp: number }>(
      'SELECT amount, net, tax, tax_rate_bp FROM invoices ORDER BY sequence',
    );

    expect(
      rows.map((r) => ({
        gross: Number(r.amount),
        net: Number(r.net),
        tax: Number(r.tax),
        basisPoints: r.tax_rate_bp,
      })),
    ).toEqual(grossAmounts.map((gross) => ({ ...splitGross(gross, { basisPoints: 800 }), basisPoints: 800 })));
  });

  it('leaves no invoice without its split', async () => {
    const { rows } = await db.query(
      "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'invoices' AND column_name IN ('net', 'tax', 'tax_rate_bp') ORDER BY column_name",
    );

    expect(rows).toEqual([
      { column_name: 'net', is_nullable: 'NO' },
      { column_name: 'tax', is_nullable: 'NO' },
      { column_name: 'tax_rate_bp', is_nullable: 'NO' },
    ]);
  });
});
