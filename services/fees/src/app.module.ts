import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { fileURLToPath } from 'node:url';
import { MeshModule } from '@cabs/mesh';
import { domainErrorFilter, PlatformModule } from '@cabs/platform';
import { CalculateFeeHandler } from './commands/calculate-fee.handler.js';
import { LegacyCalculateFeeHandler } from './commands/legacy-calculate-fee.handler.js';
import { FeesDatabase } from './db/database.js';
import { DomainError } from './domain/domain-error.js';
import { DriverFeeTermsChangedHandler } from './facts/driver-fee-terms-changed.handler.js';
import { DriverRegisteredHandler } from './facts/driver-registered.handler.js';
import { DriverEarningsController } from './http/driver-earnings.controller.js';
import { FeesController } from './http/fees.controller.js';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'fees',
      defaultPort: 3003,
      database: FeesDatabase,
      serviceRoot: fileURLToPath(new URL('..', import.meta.url)),
      description:
        "Fees: drivers' fees for completed rides and their monthly earnings, from fees' own projection of the drivers' fee terms.",
    }),
    MeshModule.forRoot({ service: 'fees', rejects: [DomainError] }),
  ],
  controllers: [FeesController, DriverEarningsController],
  providers: [
    CalculateFeeHandler,
    LegacyCalculateFeeHandler,
    DriverRegisteredHandler,
    DriverFeeTermsChangedHandler,
    { provide: APP_FILTER, useClass: domainErrorFilter(DomainError) },
  ],
})
export class AppModule {}
