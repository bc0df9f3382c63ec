import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { fileURLToPath } from 'node:url';
import { MeshModule } from '@cabs/mesh';
import { domainErrorFilter, PlatformModule } from '@cabs/platform';
import { ActivateDriverHandler } from './commands/activate-driver.handler.js';
import { DeactivateDriverHandler } from './commands/deactivate-driver.handler.js';
import { FreeDriverHandler } from './commands/free-driver.handler.js';
import { GraduateDriverHandler } from './commands/graduate-driver.handler.js';
import { RegisterDriverHandler } from './commands/register-driver.handler.js';
import { UpdateDriverHandler } from './commands/update-driver.handler.js';
import { DriversDatabase } from './db/database.js';
import { DomainError } from './domain/domain-error.js';
import { DriverAssignedHandler } from './facts/driver-assigned.handler.js';
import { DriverLifecycleController } from './http/driver-lifecycle.controller.js';
import { DriversController } from './http/drivers.controller.js';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'drivers',
      defaultPort: 3002,
      database: DriversDatabase,
      serviceRoot: fileURLToPath(new URL('..', import.meta.url)),
      description:
        'Drivers: registration, licence, status, fee terms (stated as facts to the mesh) and who is on a ride.',
    }),
    // Every domain error of a mesh delivery is final (an unknown driver included): dead-letter it, do not retry.
    MeshModule.forRoot({ service: 'drivers', rejects: [DomainError] }),
  ],
  controllers: [DriversController, DriverLifecycleController],
  providers: [
    // The writes: from REST (the controllers run them in a unit of work) and from the mesh (@HandleEvent).
    RegisterDriverHandler,
    UpdateDriverHandler,
    ActivateDriverHandler,
    DeactivateDriverHandler,
    GraduateDriverHandler,
    FreeDriverHandler,
    DriverAssignedHandler,
    { provide: APP_FILTER, useClass: domainErrorFilter(DomainError) },
  ],
})
export class AppModule {}
