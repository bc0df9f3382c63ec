import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { lockDriver, saveDriver } from '../db/driver-store.js';
import { activate, deactivate, graduate, type Driver } from '../domain/driver.js';
import { driverView } from './driver-view.js';
import { DriverId, DriverView } from './driver.schemas.js';

const driverIdPipe = () => new SchemaPipe(DriverId, 'params/id');

/** A driver's status and type; local changes that no other service needs to hear about. */
@ApiTags('drivers')
@Controller('drivers/:id')
export class DriverLifecycleController {
  constructor(private readonly work: UnitOfWork) {}

  @Post('activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a driver', description: 'Only with a licence that is valid today.' })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  @ApiResponse({ status: 409, description: 'The licence has expired' })
  @ApiResponse({ status: 422, description: 'The licence number is not valid' })
  activate(@Param('id', driverIdPipe()) id: string): Promise<DriverView> {
    return this.change(id, (driver) => activate(driver, new Date()));
  }

  @Post('deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a driver' })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  deactivate(@Param('id', driverIdPipe()) id: string): Promise<DriverView> {
    return this.change(id, deactivate);
  }

  @Post('graduate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a candidate a regular driver', description: 'Graduating a regular driver changes nothing.' })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  graduate(@Param('id', driverIdPipe()) id: string): Promise<DriverView> {
    return this.change(id, graduate);
  }

  private change(id: string, apply: (driver: Driver) => Driver): Promise<DriverView> {
    return this.work.run(async ({ tx }) => {
      const changed = apply(await lockDriver(tx, id));
      await saveDriver(tx, changed);
      return driverView(changed);
    });
  }
}
