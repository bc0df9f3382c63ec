import type { SqlClient } from '@cabs/platform';

/**
 * The database as an idempotent handler sees it: one statement, committed by itself. A second would commit apart
 * from the first — no longer one write — so it is refused, as the handler's bug it is.
 */
export class OneStatement implements SqlClient {
  private used = false;

  constructor(
    private readonly sql: SqlClient,
    private readonly handler: string,
  ) {}

  query<R extends object>(text: string, values?: readonly unknown[]): Promise<R[]> {
    return this.claim().then(() => this.sql.query<R>(text, values));
  }

  execute(text: string, values?: readonly unknown[]): Promise<number> {
    return this.claim().then(() => this.sql.execute(text, values));
  }

  private async claim(): Promise<void> {
    if (this.used)
      throw new Error(
        `${this.handler} is idempotent, so it writes with one statement committed by itself; this is its second`,
      );
    this.used = true;
  }
}
