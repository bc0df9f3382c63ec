import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import {
  DRIVERS_DEFAULT_LIMIT,
  DriverId,
  DriverView,
  ListDriversQuery,
  RegisterDriverBody,
  UpdateDriverBody,
  type ListDriversRequest,
  type RegisterDriverRequest,
  type UpdateDriverRequest,
} from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { RegisterDriverHandler } from '../commands/register-driver.handler.js';
import { UpdateDriverHandler } from '../commands/update-driver.handler.js';
import { DriversDatabase } from '../db/database.js';
import { listDrivers, loadDriver } from '../db/driver-store.js';
import { detailsOf } from './driver-details.js';
import { driverView } from './driver-view.js';

/** Registering and editing drivers (the writes that state the drivers' fee terms to the mesh), and reading them. */
@ApiTags('drivers')
@Controller('drivers')
export class DriversController {
  constructor(
    private readonly db: DriversDatabase,
    private readonly work: UnitOfWork,
    private readonly registerDriver: RegisterDriverHandler,
    private readonly updateDriver: UpdateDriverHandler,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a driver',
    description:
      'An inactive candidate, with the default fee terms (2 %) unless others are given. Emits driver-registered.',
  })
  @ApiBody({ schema: openApiSchema(RegisterDriverBody) })
  @ApiResponse({ status: 201, description: 'The registered driver', schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 400, description: 'A malformed body; each problem is named by its field' })
  @ApiResponse({ status: 409, description: 'Another driver already has this legacy id' })
  @ApiResponse({
    status: 422,
    description: 'A rule says no: malformed or expired licence, invalid fee terms or attributes',
  })
  async register(@Body(new SchemaPipe(RegisterDriverBody)) body: RegisterDriverRequest): Promise<DriverView> {
    const registration = { ...detailsOf(body), legacyId: body.legacyId };
    return driverView(await this.work.run((write) => this.registerDriver.handle(registration, write)));
  }

  @Get()
  @ApiOperation({ summary: 'List drivers, newest first' })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'inactive'] })
  @ApiQuery({ name: 'type', required: false, enum: ['candidate', 'regular'] })
  @ApiQuery({ name: 'occupied', required: false, type: Boolean, description: 'true: on a ride; false: free' })
  @ApiQuery({
    name: 'limit',
    required: false,
    type: Number,
    description: `At most this many (1–500, default ${DRIVERS_DEFAULT_LIMIT})`,
  })
  @ApiResponse({ status: 200, schema: openApiSchema(Type.Array(DriverView)) })
  @ApiResponse({ status: 400, description: 'An unknown status or type, or a limit out of range' })
  async list(
    @Query(new SchemaPipe(ListDriversQuery, 'query', { convert: true })) query: ListDriversRequest,
  ): Promise<DriverView[]> {
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
    description:
      'Names, licence, fee terms and attributes; absent fee terms mean the default. Emits driver-fee-terms-changed when the terms change.',
  })
  @ApiBody({ schema: openApiSchema(UpdateDriverBody) })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 400, description: 'A malformed id or body; each problem is named by its field' })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  @ApiResponse({
    status: 422,
    description: 'A rule says no: malformed or expired licence, invalid fee terms or attributes',
  })
  async update(
    @Param('id', new SchemaPipe(DriverId, 'params/id')) driverId: string,
    @Body(new SchemaPipe(UpdateDriverBody)) body: UpdateDriverRequest,
  ): Promise<DriverView> {
    const details = detailsOf(body);
    return driverView(await this.work.run((write) => this.updateDriver.handle({ driverId, details }, write)));
  }
}
