import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, PrismaHealthIndicator } from '@nestjs/terminus';
import { join } from 'node:path';
import { DATABASE, type DatabaseClient } from '../database/database.js';
import { pendingMigrations } from '../database/migrations.js';
import { PLATFORM_OPTIONS, type PlatformOptions } from '../platform-options.js';

/** Kubernetes-style probes: live = the process answers; ready = its database is reachable and fully migrated. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaHealthIndicator,
    @Inject(DATABASE) private readonly db: DatabaseClient,
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
      () => this.prisma.pingCheck('database', this.db).withTimeout(1500),
      async () => {
        const check = this.indicators.check('migrations');
        try {
          const pending = await pendingMigrations(this.db, join(this.options.serviceRoot, 'prisma', 'migrations'));
          return pending.length ? check.down({ pending }) : check.up();
        } catch (err) {
          // No database or no migrations table yet: not ready (503), which is not the same as broken (500).
          return check.down({ error: (err as Error).message });
        }
      },
    ]);
  }
}
