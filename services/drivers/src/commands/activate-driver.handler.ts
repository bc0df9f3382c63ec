import { Injectable } from '@nestjs/common';
import type { WriteContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { lockDriver, saveDriver } from '../db/driver-store.js';
import { activate, type Driver } from '../domain/driver.js';

/** The driver may drive, with a licence valid today. Nobody else needs to hear of it. */
@Injectable()
export class ActivateDriverHandler {
  constructor(private readonly clock: Clock) {}

  async handle({ driverId }: { driverId: string }, { tx }: WriteContext): Promise<Driver> {
    const activated = activate(await lockDriver(tx, driverId), this.clock.now());
    await saveDriver(tx, activated);
    return activated;
  }
}
