import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { EventSink } from './event-sink.js';
import { startServiceApp, type RunningService } from './service-app.js';
import { createServiceDatabase } from './test-postgres.js';

export interface ServiceUnderTestOptions {
  /** The service whose migrated schema the fresh database gets (as `createServiceDatabase`), or what makes it. */
  database: string | (() => Promise<string>);
  /** Laid over DATABASE_URL and K_SINK (the sink) when each replica starts. */
  env?: Record<string, string | undefined>;
  /** Replicas on the one database, started before the tests (default 1); 0 for tests that `start()` their own. */
  replicas?: number;
  /** Connections of the tests' own pool on the database (default 2). */
  poolSize?: number;
}

/** What the tests of one describe block get: the running replicas, their database and the sink standing in for the mesh. */
export interface ServiceUnderTest {
  /** The first replica. */
  readonly service: RunningService;
  readonly replicas: readonly RunningService[];
  /** The tests' own pool on the service's database, to read what it stored. */
  readonly db: pg.Pool;
  /** Where the service publishes (its K_SINK). */
  readonly sink: EventSink;
  readonly databaseUrl: string;
  /** Starts another replica like the others; the test closes it. */
  start(): Promise<RunningService>;
}

/**
 * Starts a service for the tests of the calling `describe` block, in its `beforeAll`, and stops it in its `afterAll`:
 * a fresh database, a pool on it, an `EventSink` as its K_SINK and its replicas. Read the parts inside tests and hooks.
 */
export function serviceUnderTest(appModule: unknown, options: ServiceUnderTestOptions): ServiceUnderTest {
  let databaseUrl: string | undefined;
  let db: pg.Pool | undefined;
  let sink: EventSink | undefined;
  const replicas: RunningService[] = [];
  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('The service under test starts in beforeAll: read it in a test or a hook.');
    return part;
  };
  const start = () =>
    startServiceApp(appModule, { DATABASE_URL: started(databaseUrl), K_SINK: started(sink).url, ...options.env });

  beforeAll(async () => {
    const { database } = options;
    databaseUrl = typeof database === 'string' ? await createServiceDatabase(inject('pg'), database) : await database();
    db = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 2 });
    sink = await EventSink.start();
    // One after another: each start lays its environment over the process's for as long as it takes.
    for (let i = 0; i < (options.replicas ?? 1); i++) replicas.push(await start());
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await sink?.close();
    await db?.end();
  });

  return {
    get service() {
      return started(replicas[0]);
    },
    get replicas() {
      return replicas;
    },
    get db() {
      return started(db);
    },
    get sink() {
      return started(sink);
    },
    get databaseUrl() {
      return started(databaseUrl);
    },
    start,
  };
}
