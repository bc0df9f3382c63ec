import type { Address } from '@cabs/demo';
import type { Money } from '../../shared/console-api.js';

/* The parts of the services' REST answers (docs/contract.md) that the console reads. */

export interface ReadTransit {
  id: string;
  status: string;
  clientId: string;
  clientName: string;
  driverId: string | null;
  pickup: Address & { id?: string };
  destination: Address & { id?: string };
  estimatedPrice: Money;
  price: Money | null;
  completedAt: string | null;
  settlement: { fee: Money | null; invoice: { id: string; number: string } | null; driverFreed?: boolean };
}

export interface DriverView {
  id: string;
  firstName: string;
  lastName: string;
  occupied: boolean;
  occupiedBy: string | null;
}

export interface NotificationView {
  recipient: string;
  transitId?: string;
}

/** `Marszałkowska 104` */
export const streetOf = (a: Address): string => `${a.street} ${a.buildingNumber}`;
