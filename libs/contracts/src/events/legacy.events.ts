import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { LegacyDriverId } from './drivers.events.js';

/**
 * The upstream event-mesh demo's events, kept exactly as its Java legacy app sends and expects them:
 * kebab-case keys, numeric driver ids and bare integer cents.
 */

const Cents = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Integer amount in cents' });

export const legacyCalculateFee = defineEvent({
  type: 'cabs.drivers.calculate-fee',
  version: 1,
  kind: 'legacy',
  status: 'current',
  description:
    "The legacy app asks for a driver's fee (source usvc://cabs/legacy, subject: the transit's request UUID).",
  sentBy: ['legacy'],
  handledBy: ['fees'],
  schema: Type.Object({ 'driver-id': LegacyDriverId, 'transit-price': Cents }),
});

export const legacyDriverFee = defineEvent({
  type: 'cabs.drivers.driver-fee',
  version: 1,
  kind: 'legacy',
  status: 'current',
  description: 'The answer to the legacy calculate-fee, sent with source usvc://cabs/drivers and the same subject.',
  sentBy: ['fees'],
  handledBy: ['legacy'],
  schema: Type.Object({ 'driver-id': LegacyDriverId, fee: Cents }),
});
