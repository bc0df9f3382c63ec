import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DriverId, DriverView } from '@cabs/contracts';
import { UnitOfWork } from '@cabs/mesh';
import { openApiSchema, SchemaPipe } from '@cabs/platform';
import { ActivateDriverHandler } from '../commands/activate-driver.handler.js';
import { DeactivateDriverHandler } from '../commands/deactivate-driver.handler.js';
import { GraduateDriverHandler } from '../commands/graduate-driver.handler.js';
import { driverView } from './driver-view.js';

const driverIdPipe = () => new SchemaPipe(DriverId, 'params/id');

/** A driver's status and type; local changes that no other service needs to hear about. */
@ApiTags('drivers')
@Controller('drivers/:id')
export class DriverLifecycleController {
  constructor(
    private readonly work: UnitOfWork,
    private readonly activateDriver: ActivateDriverHandler,
    private readonly deactivateDriver: DeactivateDriverHandler,
    private readonly graduateDriver: GraduateDriverHandler,
  ) {}

  @Post('activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a driver', description: 'Only with a licence that is valid today.' })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  @ApiResponse({ status: 409, description: 'The licence has expired' })
  @ApiResponse({ status: 422, description: 'The licence number is not valid' })
  async activate(@Param('id', driverIdPipe()) driverId: string): Promise<DriverView> {
    return driverView(await this.work.run((write) => this.activateDriver.handle({ driverId }, write)));
  }

  @Post('deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a driver' })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  async deactivate(@Param('id', driverIdPipe()) driverId: string): Promise<DriverView> {
    return driverView(await this.work.run((write) => this.deactivateDriver.handle({ driverId }, write)));
  }

  @Post('graduate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Make a candidate a regular driver',
    description: 'Graduating a regular driver changes nothing.',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(DriverView) })
  @ApiResponse({ status: 404, description: 'No driver has this id' })
  async graduate(@Param('id', driverIdPipe()) driverId: string): Promise<DriverView> {
    return driverView(await this.work.run((write) => this.graduateDriver.handle({ driverId }, write)));
  }
}
