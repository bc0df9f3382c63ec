import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { PLATFORM_ENV, validatePlatformEnv, type PlatformEnv } from './config.js';
import { DATABASE, type DatabaseClient } from './database/database.js';
import { HealthController } from './health/health.controller.js';
import { DatabaseUnavailableInterceptor } from './http/database-unavailable.js';
import { loggerParams } from './logging.js';
import { collectProcessMetrics, MetricsController } from './metrics/metrics.js';
import { PLATFORM_OPTIONS, type PlatformOptions } from './platform-options.js';
import { TelemetryShutdown } from './telemetry/shutdown.js';

/** Closes the database pool last, after the HTTP server and the mesh relay have stopped. */
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}
  onModuleInit() {
    return this.db.$connect();
  }
  onApplicationShutdown() {
    return this.db.$disconnect();
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
        // The environment is the configuration (twelve-factor; Knative injects K_SINK). Read when the application is
        // created, not when this module is imported, so tests can start several instances in one process.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true }),
        LoggerModule.forRootAsync({
          inject: [PLATFORM_ENV],
          useFactory: (env: PlatformEnv) => loggerParams(options.service, env),
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        { provide: PLATFORM_ENV, useFactory: () => validatePlatformEnv(process.env, { PORT: options.defaultPort }) },
        { provide: DATABASE, inject: [PLATFORM_ENV], useFactory: (env: PlatformEnv) => new options.database(env.DATABASE_URL) },
        { provide: options.database, useExisting: DATABASE },
        DatabaseLifecycle,
        TelemetryShutdown,
        { provide: APP_INTERCEPTOR, useClass: DatabaseUnavailableInterceptor },
      ],
      exports: [PLATFORM_OPTIONS, PLATFORM_ENV, DATABASE, options.database],
    };
  }
}
