import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { FeeTerms, Id, Text } from '../building-blocks.js';

/** The legacy app's own numeric driver id, so its events can be resolved to a driver. */
export const LegacyDriverId = Type.Integer({
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: "The legacy app's numeric driver id",
});

export const freeDriver = defineEvent({
  type: 'cabs.drivers.free-driver',
  version: 1,
  kind: 'command',
  status: 'current',
  description: "Clears the driver's occupied flag once the ride is completed or cancelled.",
  sentBy: ['transit'],
  handledBy: ['drivers'],
  schema: Type.Object({ driverId: Id('the driver'), transitId: Id('the ride') }),
});

export const driverFreed = defineEvent({
  type: 'cabs.drivers.driver-freed',
  version: 1,
  kind: 'fact',
  status: 'current',
  description:
    'The driver is no longer occupied with the ride: drivers handled its free-driver (stated again when asked again).',
  sentBy: ['drivers'],
  handledBy: ['transit'],
  schema: Type.Object({ driverId: Id('the driver'), transitId: Id('the ride') }),
});

export const driverRegistered = defineEvent({
  type: 'cabs.drivers.driver-registered',
  version: 1,
  kind: 'fact',
  status: 'current',
  description: 'A driver was registered, with the fee terms in force (the default terms when none were given).',
  sentBy: ['drivers'],
  handledBy: ['fees'],
  schema: Type.Object({
    driverId: Id('the driver'),
    name: Text(200, "The driver's full name"),
    feeTerms: FeeTerms,
    legacyId: Type.Optional(LegacyDriverId),
  }),
});

export const driverFeeTermsChanged = defineEvent({
  type: 'cabs.drivers.driver-fee-terms-changed',
  version: 1,
  kind: 'fact',
  status: 'current',
  description: "A driver's fee terms changed; they apply to fees calculated from now on.",
  sentBy: ['drivers'],
  handledBy: ['fees'],
  schema: Type.Object({ driverId: Id('the driver'), feeTerms: FeeTerms }),
});
