import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { fileURLToPath } from 'node:url';
import { MeshModule } from '@cabs/mesh';
import { domainErrorFilter, PlatformModule } from '@cabs/platform';
import { IssueInvoiceHandler } from './commands/issue-invoice.handler.js';
import { InvoicingDatabase } from './db/database.js';
import { DomainError } from './domain/domain-error.js';
import { InvoicesController } from './http/invoices.controller.js';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'invoicing',
      defaultPort: 3004,
      database: InvoicingDatabase,
      serviceRoot: fileURLToPath(new URL('..', import.meta.url)),
      description:
        'Issues one invoice per completed ride, numbered without gaps per year, and answers queries about them.',
    }),
    MeshModule.forRoot({ service: 'invoicing', rejects: [DomainError] }),
  ],
  controllers: [InvoicesController],
  providers: [IssueInvoiceHandler, { provide: APP_FILTER, useClass: domainErrorFilter(DomainError) }],
})
export class AppModule {}
