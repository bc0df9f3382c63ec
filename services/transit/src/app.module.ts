import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { fileURLToPath } from 'node:url';
import { MeshModule } from '@cabs/mesh';
import { domainErrorFilter, PlatformModule } from '@cabs/platform';
import { AcceptTransitHandler } from './commands/accept-transit.handler.js';
import { CancelTransitHandler } from './commands/cancel-transit.handler.js';
import { CompleteTransitHandler } from './commands/complete-transit.handler.js';
import { RequestDestinationUpdateHandler } from './commands/request-destination-update.handler.js';
import { RequestTransitHandler } from './commands/request-transit.handler.js';
import { StartTransitHandler } from './commands/start-transit.handler.js';
import { UpdateDestinationHandler } from './commands/update-destination.handler.js';
import { ConfiguredFarePolicy } from './config/fare-policy.js';
import { ConfiguredReconcilePolicy } from './config/reconcile-policy.js';
import { TransitDatabase } from './db/database.js';
import { DomainError } from './domain/domain-error.js';
import { DriverFeeCalculatedHandler } from './facts/driver-fee-calculated.handler.js';
import { DriverFreedHandler } from './facts/driver-freed.handler.js';
import { InvoiceIssuedHandler } from './facts/invoice-issued.handler.js';
import { AddressesController } from './http/addresses.controller.js';
import { TransitDestinationController } from './http/transit-destination.controller.js';
import { TransitQueriesController } from './http/transit-queries.controller.js';
import { TransitWritesController } from './http/transit-writes.controller.js';
import { SettlementReconciler } from './reconciler/settlement-reconciler.js';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'transit',
      defaultPort: 3001,
      database: TransitDatabase,
      serviceRoot: fileURLToPath(new URL('..', import.meta.url)),
      description:
        'Rides from request to completion. Completing one queues its settlement (fee, invoice, free driver) over the event mesh.',
    }),
    // A domain "no" to a command is final: 422, so the mesh dead-letters it instead of retrying.
    MeshModule.forRoot({ service: 'transit', rejects: [DomainError] }),
  ],
  controllers: [TransitWritesController, TransitDestinationController, TransitQueriesController, AddressesController],
  providers: [
    ConfiguredFarePolicy,
    // The writes: from REST (the controllers run them in a unit of work) and from the mesh (@HandleEvent).
    RequestTransitHandler,
    AcceptTransitHandler,
    StartTransitHandler,
    CancelTransitHandler,
    RequestDestinationUpdateHandler,
    CompleteTransitHandler,
    UpdateDestinationHandler,
    DriverFeeCalculatedHandler,
    InvoiceIssuedHandler,
    DriverFreedHandler,
    ConfiguredReconcilePolicy,
    SettlementReconciler,
    { provide: APP_FILTER, useClass: domainErrorFilter(DomainError) },
  ],
})
export class AppModule {}
