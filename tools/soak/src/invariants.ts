import pg from 'pg';

/** One line of the soak's verdict: what was counted, what it must be, what it is. */
export interface Invariant {
  name: string;
  expected: number | string;
  actual: number | string;
  ok: boolean;
  note?: string;
}

/** The databases of the system under soak, by process name. */
export type Databases = Record<'broker' | 'transit' | 'drivers' | 'fees' | 'invoicing' | 'notifications', string>;

const MESSAGE_KINDS = 3; // ride-completed (client), invoice-issued (client), fee-calculated (driver)

/** How far the mesh has come with the given rides; cheap enough to poll while it drains. */
export async function settlementProgress(
  databases: Databases,
  rides: string[],
): Promise<{ settled: number; notified: number; freed: number; unsent: number; backlog: number }> {
  return withPools(databases, async (q) => {
    const [settled, notified, freed, backlog, ...outboxes] = await Promise.all([
      q(
        'transit',
        "SELECT count(*) AS n FROM transits WHERE id = ANY($1::uuid[]) AND status = 'completed' AND fee_amount IS NOT NULL AND invoice_number IS NOT NULL AND driver_freed",
        [rides],
      ),
      q(
        'notifications',
        `SELECT count(*) AS n FROM (SELECT transit_id FROM notifications WHERE transit_id = ANY($1::uuid[]) GROUP BY transit_id HAVING count(DISTINCT kind) = ${MESSAGE_KINDS}) x`,
        [rides],
      ),
      q('drivers', 'SELECT count(DISTINCT transit_id) AS n FROM freed_rides WHERE transit_id = ANY($1::uuid[])', [
        rides,
      ]),
      q(
        'broker',
        "SELECT count(*) AS n FROM deliveries WHERE state IN ('pending', 'retrying') OR dead_letter = 'sending'",
      ),
      ...(['transit', 'drivers', 'fees', 'invoicing'] as const).map((s) =>
        q(s, 'SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL'),
      ),
    ]);
    return { settled, notified, freed, backlog, unsent: outboxes.reduce((a, b) => a + b, 0) };
  });
}

/** Every invariant of a soak of `expected` rides, of which `rides` were accepted by the mesh (202). */
export async function checkInvariants(databases: Databases, rides: string[], expected: number): Promise<Invariant[]> {
  return withPools(databases, async (q, rows) => {
    const exactly = (name: string, actual: number, want = expected, note?: string): Invariant => ({
      name,
      expected: want,
      actual,
      ok: actual === want,
      note,
    });
    const [
      completed,
      fees,
      feeRows,
      invoices,
      invoiceRows,
      freed,
      freedRows,
      occupied,
      notified,
      messages,
      extraMessages,
      unsent,
      backlog,
    ] = await Promise.all([
      q('transit', "SELECT count(*) AS n FROM transits WHERE id = ANY($1::uuid[]) AND status = 'completed'", [rides]),
      q('fees', 'SELECT count(DISTINCT transit_id) AS n FROM fees WHERE transit_id = ANY($1::uuid[])', [rides]),
      q('fees', 'SELECT count(*) AS n FROM fees WHERE transit_id = ANY($1::uuid[])', [rides]),
      q('invoicing', 'SELECT count(DISTINCT transit_id) AS n FROM invoices WHERE transit_id = ANY($1::uuid[])', [
        rides,
      ]),
      q('invoicing', 'SELECT count(*) AS n FROM invoices WHERE transit_id = ANY($1::uuid[])', [rides]),
      q('drivers', 'SELECT count(DISTINCT transit_id) AS n FROM freed_rides WHERE transit_id = ANY($1::uuid[])', [
        rides,
      ]),
      q('drivers', 'SELECT count(*) AS n FROM freed_rides WHERE transit_id = ANY($1::uuid[])', [rides]),
      q('drivers', 'SELECT count(*) AS n FROM drivers WHERE occupied_by IS NOT NULL'),
      q(
        'notifications',
        `SELECT count(*) AS n FROM (SELECT transit_id FROM notifications WHERE transit_id = ANY($1::uuid[]) GROUP BY transit_id HAVING count(DISTINCT kind) = ${MESSAGE_KINDS}) x`,
        [rides],
      ),
      q('notifications', 'SELECT count(*) AS n FROM notifications WHERE transit_id = ANY($1::uuid[])', [rides]),
      // A second message of the same kind to the same person about the same ride: the same fact told twice.
      q(
        'notifications',
        'SELECT coalesce(sum(c - 1), 0) AS n FROM (SELECT count(*) AS c FROM notifications WHERE transit_id = ANY($1::uuid[]) GROUP BY transit_id, kind, recipient) x',
        [rides],
      ),
      Promise.all(
        (['transit', 'drivers', 'fees', 'invoicing', 'notifications'] as const).map((s) =>
          q(s, 'SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL'),
        ),
      ).then((n) => n.reduce((a, b) => a + b, 0)),
      q('broker', "SELECT count(*) AS n FROM deliveries WHERE state IN ('pending', 'retrying')"),
    ]);
    const dead = await rows<{
      trigger: string;
      type: string;
      last_status: number | null;
      last_error: string | null;
      n: string;
    }>(
      'broker',
      'SELECT d.trigger, e.type, d.last_status, d.last_error, count(*) AS n FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.state = $1 GROUP BY 1, 2, 3, 4',
      ['dead'],
    );
    const years = await rows<{ year: number; n: string; lo: number; hi: number }>(
      'invoicing',
      'SELECT year, count(*) AS n, min(sequence) AS lo, max(sequence) AS hi FROM invoices GROUP BY year ORDER BY year',
    );
    const gaps = years.filter((y) => y.lo !== 1 || y.hi !== Number(y.n));
    const deadLetters = dead.reduce((sum, d) => sum + Number(d.n), 0);
    return [
      exactly('rides accepted by the mesh (202)', rides.length),
      exactly('rides completed', completed),
      exactly('fees', fees),
      exactly('invoices', invoices),
      exactly('drivers freed (rides)', freed),
      exactly('rides with all 3 notifications', notified),
      exactly('notifications', messages, expected * MESSAGE_KINDS),
      exactly('second fee for a ride', feeRows - fees, 0),
      exactly('second invoice for a ride', invoiceRows - invoices, 0),
      exactly('driver freed twice for a ride', freedRows - freed, 0),
      exactly('second notification of a fact', extraMessages, 0),
      exactly('drivers still occupied', occupied, 0),
      {
        name: 'invoice numbers gap-free',
        expected: 'yes',
        actual: gaps.length ? 'no' : 'yes',
        ok: !gaps.length,
        note: years.map((y) => `${y.year}: ${y.lo}..${y.hi} (${y.n})`).join(', '),
      },
      exactly(
        'dead letters',
        deadLetters,
        0,
        dead.map((d) => `${d.n}× ${d.trigger} ${d.type} (${d.last_status ?? d.last_error})`).join('; ') || undefined,
      ),
      exactly('events still in an outbox', unsent, 0),
      exactly('deliveries still pending', backlog, 0),
    ];
  });
}

type CountQuery = (database: keyof Databases, sql: string, params?: unknown[]) => Promise<number>;
type RowsQuery = <T>(database: keyof Databases, sql: string, params?: unknown[]) => Promise<T[]>;

async function withPools<T>(databases: Databases, use: (count: CountQuery, rows: RowsQuery) => Promise<T>): Promise<T> {
  const pools = new Map<string, pg.Pool>();
  const pool = (name: keyof Databases) => {
    let p = pools.get(name);
    if (!p) pools.set(name, (p = new pg.Pool({ connectionString: databases[name], max: 2 })));
    return p;
  };
  const rows: RowsQuery = async <R>(name: keyof Databases, sql: string, params: unknown[] = []) =>
    (await pool(name).query(sql, params)).rows as R[];
  const count: CountQuery = async (name, sql, params = []) =>
    Number((await rows<{ n: string }>(name, sql, params))[0].n);
  try {
    return await use(count, rows);
  } finally {
    await Promise.all([...pools.values()].map((p) => p.end()));
  }
}
