import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { Clock } from './clock.js';
import { PLATFORM_ENV, readPlatformEnv, type PlatformEnv } from './config.js';
import { DATABASE, type DatabaseClient } from './database/database.js';
import { SqlDatabase } from './database/sql.js';
import { HealthController } from './health/health.controller.js';
import { DatabaseUnavailableInterceptor } from './http/database-unavailable.js';
import { loggerParams } from './logging.js';
import { collectProcessMetrics, MetricsController } from './metrics/metrics.js';
import { PLATFORM_OPTIONS, type PlatformOptions } from './platform-options.js';
import { TelemetryShutdown } from './telemetry/shutdown.js';

/**
 * Prisma starts its query engine on the first read (it connects lazily): readiness and the writes (plain SQL) do not
 * need it, and compiling it at start-up made a fresh service slower to become ready. The pools close last, after the
 * HTTP server and the mesh relay have stopped.
 */
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: DatabaseClient,
    private readonly sql: SqlDatabase,
  ) {}
  async onApplicationShutdown() {
    await Promise.all([this.db.$disconnect(), this.sql.end()]);
  }
}

/**
 * Everything a Cabs service gets by default, from one place (the eShop "service defaults" idea): validated
 * configuration, structured logs with trace ids, health probes, Prometheus metrics, the database client (and a 503
 * when it cannot reach its server).
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    collectProcessMetrics();
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [PLATFORM_ENV],
          useFactory: (env: PlatformEnv) => loggerParams(options.service, env),
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        // The environment is the configuration (twelve-factor; Knative injects K_SINK). Read when the application is
        // created, not when this module is imported, so tests can start several instances in one process.
        { provide: PLATFORM_ENV, useFactory: () => readPlatformEnv(process.env, options.defaultPort) },
        {
          provide: DATABASE,
          inject: [PLATFORM_ENV],
          useFactory: (env: PlatformEnv) => new options.database(env.DATABASE_URL),
        },
        { provide: options.database, useExisting: DATABASE },
        {
          provide: SqlDatabase,
          inject: [PLATFORM_ENV],
          useFactory: (env: PlatformEnv) => SqlDatabase.connect(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
        },
        Clock,
        DatabaseLifecycle,
        TelemetryShutdown,
        { provide: APP_INTERCEPTOR, useClass: DatabaseUnavailableInterceptor },
      ],
      exports: [PLATFORM_OPTIONS, PLATFORM_ENV, DATABASE, options.database, SqlDatabase, Clock],
    };
  }
}
