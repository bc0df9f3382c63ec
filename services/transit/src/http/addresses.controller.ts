import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Id, ReadAddressSchema, type ReadAddress } from '@cabs/contracts';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { TransitDatabase } from '../db/database.js';
import { findAddress } from '../db/transit-reads.js';
import { readAddress } from './transit.view.js';

/** The addresses rides start and end at (ReadAddress); a ride's pickup and destination name them by id. */
@ApiTags('addresses')
@Controller('addresses')
export class AddressesController {
  constructor(private readonly db: TransitDatabase) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read an address (ReadAddress)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Id of the address' })
  @ApiResponse({ status: 200, schema: openApiSchema(ReadAddressSchema) })
  @ApiResponse({ status: 400, description: 'The id is not a UUID' })
  @ApiResponse({ status: 404, description: 'No address has this id' })
  async read(@Param('id', new SchemaPipe(Id('the address'), 'params/id')) id: string): Promise<ReadAddress> {
    const row = await findAddress(this.db, id);
    if (!row) throw new NotFoundException(`Address ${id} does not exist.`);
    return readAddress(row);
  }
}
