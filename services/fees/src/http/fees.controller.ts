import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FeeView, TransitId } from '@cabs/contracts';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { FeesDatabase } from '../db/database.js';
import { findFee } from '../db/fees.js';

@ApiTags('fees')
@Controller('fees')
export class FeesController {
  constructor(private readonly db: FeesDatabase) {}

  @Get(':transitId')
  @ApiOperation({
    summary: "The driver's fee for one completed ride",
    description: 'Exists once the calculate-fee command of the ride has been handled.',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(FeeView) })
  @ApiResponse({ status: 400, description: 'The id is not a UUID' })
  @ApiResponse({ status: 404, description: 'No fee calculated for this ride (yet)' })
  async get(@Param('transitId', new SchemaPipe(TransitId, 'params/transitId')) transitId: string): Promise<FeeView> {
    const fee = await findFee(this.db, transitId);
    if (!fee) throw new NotFoundException(`No fee has been calculated for transit ${transitId} (yet).`);
    return {
      transitId: fee.transitId,
      driverId: fee.driverId,
      fee: fee.fee,
      transitPrice: fee.transitPrice,
      feeTerms: fee.terms,
      completedAt: fee.completedAt.toISOString(),
      month: fee.month,
      calculatedAt: fee.calculatedAt.toISOString(),
    };
  }
}
