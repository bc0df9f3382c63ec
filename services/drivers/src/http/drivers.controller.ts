import { Body, ConflictException, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { contracts, type DataOf } from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { DriversDatabase } from '../db/database.js';
import { insertDriver, listDrivers, loadDriver, lockDriver, saveDriver } from '../db/driver-store.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { fullName, registerDriver, updateDriver, type Driver } from '../domain/driver.js';
import { sameFeeTerms } from '../domain/fee-terms.js';
import { detailsOf } from './driver-details.js';
import { driverView } from './driver-view.js';
import {
  DEFAULT_LIMIT,
  DriverId,
  DriverView,
  ListDriversQuery,
  RegisterDriverBody,
  UpdateDriverBody,
  type ListDriversRequest,
  type RegisterDriverRequest,
  type UpdateDriverRequest,
} from './driver.schemas.js';

/** Registering and editing drivers: the writes that state the drivers' fee terms to the mesh. */
@ApiTags('drivers')
@Controller('drivers')
export class DriversController {
  constructor(
    private readonly db: DriversDatabase,
    private readonly work: UnitOfWork,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a driver', description: 'An inactive candidate, with the default fee terms (2 %) unless others are given. Emits driver-registered.' })
  @ApiBody({ schema: openApiSchema(RegisterDriverBody) })
  @ApiResponse({ status: 201, description: 'The registered driver', schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 400, description: 'A malformed body; each problem is named by its field' })
  @ApiResponse({ status: 409, description: 'Another driver already has this legacy id' })
  @ApiResponse({ status: 422, description: 'A rule says no: malformed or expired licence, invalid fee terms or attributes' })
  async register(@Body(new SchemaPipe(RegisterDriverBody)) body: RegisterDriverRequest): Promise<DriverView> {
    const driver = registerDriver(randomUUID(), { ...detailsOf(body), legacyId: body.legacyId }, new Date());
    try {
      await this.work.run(async ({ tx, emit }) => {
        await insertDriver(tx, driver);
        emit(contracts.driverRegistered, registered(driver), { subject: driver.id });
      });
    } catch (error) {
      // The only unique value a new driver brings is its legacy id.
      if (isUniqueViolation(error)) throw new ConflictException(`Legacy id ${driver.legacyId} already belongs to another driver.`);
      throw error;
    }
    return driverView(driver);
  }

  @Get()
  @ApiOperation({ summary: 'List drivers, newest first' })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'inactive'] })
  @ApiQuery({ name: 'type', required: false, enum: ['candidate', 'regular'] })
  @ApiQuery({ name: 'occupied', required: false, type: Boolean, description: 'true: on a ride; false: free' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `At most this many (1–500, default ${DEFAULT_LIMIT})` })
  @ApiResponse({ status: 200, schema: openApiSchema(Type.Array(DriverView)) })
  @ApiResponse({ status: 400, description: 'An unknown status or type, or a limit out of range' })
  async list(@Query(new SchemaPipe(ListDriversQuery, 'query', { convert: true })) query: ListDriversRequest): Promise<DriverView[]> {
    const drivers = await listDrivers(this.db, query);
    return drivers.map(driverView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One driver' })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 400, description: 'The id is not a UUID' })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  async get(@Param('id', new SchemaPipe(DriverId, 'params/id')) id: string): Promise<DriverView> {
    return driverView(await loadDriver(this.db, id));
  }

  @Put(':id')
  @ApiOperation({
    summary: "Replace a driver's details",
    description: 'Names, licence, fee terms and attributes; absent fee terms mean the default. Emits driver-fee-terms-changed when the terms change.',
  })
  @ApiBody({ schema: openApiSchema(UpdateDriverBody) })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 400, description: 'A malformed id or body; each problem is named by its field' })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  @ApiResponse({ status: 422, description: 'A rule says no: malformed or expired licence, invalid fee terms or attributes' })
  async update(
    @Param('id', new SchemaPipe(DriverId, 'params/id')) id: string,
    @Body(new SchemaPipe(UpdateDriverBody)) body: UpdateDriverRequest,
  ): Promise<DriverView> {
    return this.work.run(async ({ tx, emit }) => {
      const driver = await lockDriver(tx, id);
      const updated = updateDriver(driver, detailsOf(body), new Date());
      await saveDriver(tx, updated);
      if (!sameFeeTerms(driver.feeTerms, updated.feeTerms)) {
        emit(contracts.driverFeeTermsChanged, { driverId: id, feeTerms: updated.feeTerms }, { subject: id });
      }
      return driverView(updated);
    });
  }
}

/** The fact carries the terms in force, the default filled in, so fees never needs to know the default. */
function registered(driver: Driver): DataOf<typeof contracts.driverRegistered> {
  const fact = { driverId: driver.id, name: fullName(driver), feeTerms: driver.feeTerms };
  return driver.legacyId === null ? fact : { ...fact, legacyId: driver.legacyId };
}
