import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { Id, INVOICES_DEFAULT_LIMIT, InvoiceQuery, InvoiceView } from '@cabs/contracts';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { InvoicingDatabase } from '../db/database.js';
import { findInvoice, listInvoices } from '../db/invoice-reads.js';
import { toInvoiceView } from './invoice-view.js';

/** Queries, answered from this service's own database. */
@ApiTags('invoices')
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly db: InvoicingDatabase) {}

  @Get()
  @ApiOperation({ summary: 'Invoices, newest first: all of them, or those of one ride or one client' })
  @ApiQuery({ name: 'transitId', required: false, description: 'Only the invoice of this ride' })
  @ApiQuery({ name: 'clientId', required: false, description: "Only this client's invoices" })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `At most this many (1–500, default ${INVOICES_DEFAULT_LIMIT})`,
  })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(InvoiceView)) })
  @ApiBadRequestResponse({ description: 'A malformed id or limit, or an unknown parameter' })
  async list(
    @Query(new SchemaPipe(InvoiceQuery, 'query', { convert: true })) query: Static<typeof InvoiceQuery>,
  ): Promise<InvoiceView[]> {
    const invoices = await listInvoices(this.db, {
      transitId: query.transitId,
      clientId: query.clientId,
      limit: query.limit ?? INVOICES_DEFAULT_LIMIT,
    });
    return invoices.map(toInvoiceView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One invoice' })
  @ApiParam({ name: 'id', description: 'Id of the invoice' })
  @ApiOkResponse({ schema: openApiSchema(InvoiceView) })
  @ApiBadRequestResponse({ description: 'The id is not a UUID' })
  @ApiNotFoundResponse({ description: 'No invoice has this id' })
  async get(@Param('id', new SchemaPipe(Id('the invoice'), 'params/id')) id: string): Promise<InvoiceView> {
    const invoice = await findInvoice(this.db, id);
    if (!invoice) throw new NotFoundException(`Invoice ${id} does not exist`);
    return toInvoiceView(invoice);
  }
}
