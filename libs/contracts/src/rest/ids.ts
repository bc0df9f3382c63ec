import { Id } from '../building-blocks.js';

/* The ids the services' REST paths name, shared by the services that answer about the same thing. */

export const TransitId = Id('the ride');
export const DriverId = Id('the driver');
