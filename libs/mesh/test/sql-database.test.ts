import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmptyDatabase } from '@cabs/testing';
import { SqlDatabase } from '@cabs/platform';

describe("the chassis' SqlDatabase, on a real PostgreSQL", () => {
  let sql: SqlDatabase;

  beforeAll(async () => {
    sql = SqlDatabase.connect(await createEmptyDatabase(inject('pg'), 'platform_sql'), 2);
    await sql.execute('CREATE TABLE facts (id int PRIMARY KEY)');
  });

  afterAll(async () => {
    await sql?.end();
  });

  const setting = async (db: SqlDatabase) =>
    (await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit'))[0].synchronous_commit;

  it('commits durably, and only its relaxed connections do not wait for the WAL flush', async () => {
    expect(await setting(sql)).toBe('on');
    expect(await sql.transaction((tx) => tx.query('SHOW synchronous_commit'))).toEqual([{ synchronous_commit: 'on' }]);
    expect(await setting(sql.relaxed)).toBe('off');
  });

  it('commits a transaction that resolves and rolls back one that throws, passing the error on', async () => {
    await sql.transaction((tx) => tx.execute('INSERT INTO facts VALUES (1)'));
    await expect(
      sql.transaction(async (tx) => {
        await tx.execute('INSERT INTO facts VALUES (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await sql.query('SELECT id FROM facts ORDER BY id')).toEqual([{ id: 1 }]);
  });
});
