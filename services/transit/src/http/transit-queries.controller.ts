import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ListTransitsQuerySchema,
  ReadTransitSchema,
  TRANSITS_DEFAULT_LIMIT,
  type ListTransitsQuery,
  type ReadTransit,
} from '@cabs/contracts';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { TransitDatabase } from '../db/database.js';
import { findTransit, listTransits } from '../db/transit-reads.js';
import { TRANSIT_STATUSES } from '../domain/transit.js';
import { ApiTransitId, TransitIdPipe } from './transit-id.js';
import { readTransit } from './transit.view.js';

/** Questions about rides, answered from this service's own database. */
@ApiTags('transits')
@Controller('transits')
export class TransitQueriesController {
  constructor(private readonly db: TransitDatabase) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read a ride and how far its settlement has come (ReadTransit)' })
  @ApiTransitId()
  @ApiResponse({ status: 200, schema: openApiSchema(ReadTransitSchema) })
  @ApiResponse({ status: 400, description: 'The id is not a UUID' })
  @ApiResponse({ status: 404, description: 'No ride has this id' })
  async read(@Param('id', TransitIdPipe) id: string): Promise<ReadTransit> {
    return readTransit(await findTransit(this.db, id));
  }

  @Get()
  @ApiOperation({ summary: 'List rides, newest request first, optionally by status, driver or client' })
  @ApiQuery({ name: 'status', required: false, enum: TRANSIT_STATUSES })
  @ApiQuery({ name: 'driverId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'clientId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200, default: TRANSITS_DEFAULT_LIMIT },
  })
  @ApiResponse({ status: 200, schema: { type: 'array', items: openApiSchema(ReadTransitSchema) } })
  @ApiResponse({ status: 400, description: 'A filter is malformed or unknown; the message names it' })
  async list(
    @Query(new SchemaPipe(ListTransitsQuerySchema, 'query', { convert: true })) query: ListTransitsQuery,
  ): Promise<ReadTransit[]> {
    const rows = await listTransits(this.db, { ...query, limit: query.limit ?? TRANSITS_DEFAULT_LIMIT });
    return rows.map(readTransit);
  }
}
