import type { Type } from '@nestjs/common';
import type { DatabaseClient } from './database/database.js';

export interface PlatformOptions {
  /** Service name: logs, metrics, OpenAPI title, CloudEvents source `usvc://cabs/<service>`. */
  service: string;
  /** Port when PORT is unset (docs/contract.md: transit 3001 … notifications 3005). */
  defaultPort: number;
  /** The service's PrismaClient subclass; the platform creates the one instance and closes it on shutdown. */
  database: Type<DatabaseClient>;
  /** Absolute path of the service's folder (holding prisma/migrations). */
  serviceRoot: string;
  /** One sentence for the OpenAPI document. */
  description: string;
}

export const PLATFORM_OPTIONS = Symbol.for('cabs.platform.options');
