import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres, type RunningServer } from '@cabs/local-postgres';

/** The soak's own embedded PostgreSQL server, which it can stop and start again on the same port and data. */
export class RestartablePostgres {
  private server?: RunningServer;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<RestartablePostgres> {
    const pg = new RestartablePostgres(mkdtempSync(join(tmpdir(), 'cabs-soak-pg-')), await freePort());
    await pg.up();
    return pg;
  }

  get url(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Stops the server (every connection is cut) and starts it again on the same data. */
  async restart(down: () => Promise<void>): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    await down();
    await this.up();
  }

  /** Stops the server and deletes its data. */
  async destroy(): Promise<void> {
    await this.server?.stop().catch(() => {});
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async up(): Promise<void> {
    // persistent: the data must outlive a restart; destroy() removes it at the end.
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, persistent: true });
  }
}
