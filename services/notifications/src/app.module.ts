import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { fileURLToPath } from 'node:url';
import { MeshModule } from '@cabs/mesh';
import { domainErrorFilter, PlatformModule } from '@cabs/platform';
import { NotificationsDatabase } from './db/database.js';
import { DomainError } from './domain/domain-error.js';
import { DriverFeeCalculatedHandler } from './facts/driver-fee-calculated.handler.js';
import { Postbox } from './facts/postbox.js';
import { InvoiceIssuedHandler } from './facts/invoice-issued.handler.js';
import { TransitCompletedHandler } from './facts/transit-completed.handler.js';
import { NotificationsController } from './http/notifications.controller.js';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'notifications',
      defaultPort: 3005,
      database: NotificationsDatabase,
      serviceRoot: fileURLToPath(new URL('..', import.meta.url)),
      description:
        'Tells riders and drivers what happened to their rides, from facts only, and shows them what they were told.',
    }),
    MeshModule.forRoot({ service: 'notifications', rejects: [DomainError] }),
  ],
  controllers: [NotificationsController],
  providers: [
    Postbox,
    TransitCompletedHandler,
    InvoiceIssuedHandler,
    DriverFeeCalculatedHandler,
    { provide: APP_FILTER, useClass: domainErrorFilter(DomainError) },
  ],
})
export class AppModule {}
