import { Injectable } from '@nestjs/common';
import type { WriteContext } from '@cabs/mesh';
import { lockDriver, saveDriver } from '../db/driver-store.js';
import { graduate, type Driver } from '../domain/driver.js';

/** A candidate becomes a regular driver. Nobody else needs to hear of it. */
@Injectable()
export class GraduateDriverHandler {
  async handle({ driverId }: { driverId: string }, { tx }: WriteContext): Promise<Driver> {
    const graduated = graduate(await lockDriver(tx, driverId));
    await saveDriver(tx, graduated);
    return graduated;
  }
}
