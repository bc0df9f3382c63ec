import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DriverId, EarningsQuery, EarningsView, FeeTermsView, type EarningsRequest } from '@cabs/contracts';
import { Clock, openApiSchema, SchemaPipe } from '@cabs/platform';
import { FeesDatabase } from '../db/database.js';
import { findDriverTerms, type DriverTerms } from '../db/driver-terms.js';
import { monthlyEarnings } from '../db/monthly-earnings.js';
import { monthOf, parseMonth } from '../domain/earnings.js';

const driverIdPipe = () => new SchemaPipe(DriverId, 'params/driverId');

/** What fees knows of a driver: the earnings it keeps, and its projection of the driver's terms. */
@ApiTags('drivers')
@Controller('drivers/:driverId')
export class DriverEarningsController {
  constructor(
    private readonly db: FeesDatabase,
    private readonly clock: Clock,
  ) {}

  @Get('earnings')
  @ApiOperation({
    summary: "A driver's earnings in one calendar month",
    description: 'The sum of the fees of rides completed in that month (company time zone).',
  })
  @ApiQuery({ name: 'month', required: false, description: 'YYYY-MM; the current month when left out' })
  @ApiResponse({ status: 200, schema: openApiSchema(EarningsView) })
  @ApiResponse({ status: 400, description: 'The id is not a UUID, or the month is not YYYY-MM' })
  @ApiResponse({ status: 404, description: 'Fees has not heard of this driver' })
  async earnings(
    @Param('driverId', driverIdPipe()) driverId: string,
    @Query(new SchemaPipe(EarningsQuery, 'query')) query: EarningsRequest,
  ): Promise<EarningsView> {
    const month = query.month === undefined ? monthOf(this.clock.now()) : parseMonth(query.month);
    await this.knownDriver(driverId);
    const { total, rides } = await monthlyEarnings(this.db, driverId, month);
    return { driverId, month, earnings: total, rides };
  }

  @Get('fee-terms')
  @ApiOperation({
    summary: "The driver's fee terms, as the fees projection knows them",
    description: 'Fed only by the drivers service facts.',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(FeeTermsView) })
  @ApiResponse({ status: 404, description: 'Fees has not heard of this driver' })
  async feeTerms(@Param('driverId', driverIdPipe()) driverId: string): Promise<FeeTermsView> {
    const { name, legacyId, terms, statedAt } = await this.knownDriver(driverId);
    return { driverId, name, legacyId, feeTerms: terms, statedAt: statedAt.toISOString() };
  }

  private async knownDriver(driverId: string): Promise<DriverTerms> {
    const driver = await findDriverTerms(this.db, driverId);
    if (!driver)
      throw new NotFoundException(
        `Driver ${driverId} is not known to fees: no driver-registered fact has arrived for it.`,
      );
    return driver;
  }
}
