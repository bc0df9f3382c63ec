import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { join } from 'node:path';
import { pendingMigrations } from '../database/migrations.js';
import { SqlDatabase } from '../database/sql.js';
import { PLATFORM_OPTIONS, type PlatformOptions } from '../platform-options.js';

/** A probe answers in time even when the database does not. */
const READY_TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms)),
  );
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Kubernetes-style probes: live = the process answers; ready = its database is reachable and fully migrated. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: SqlDatabase,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        // Reachable and migrated in one round trip: the list of applied migrations answers both.
        const check = this.indicators.check('database');
        try {
          const pending = await withTimeout(
            pendingMigrations(this.db, join(this.options.serviceRoot, 'prisma', 'migrations')),
            READY_TIMEOUT_MS,
          );
          return pending.length ? check.down({ pending }) : check.up();
        } catch (err) {
          // No database or no migrations table yet: not ready (503), which is not the same as broken (500).
          return check.down({ error: (err as Error).message });
        }
      },
    ]);
  }
}
