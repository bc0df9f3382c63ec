import type { Address } from '@cabs/client';

/** A place as the page names it: `Marszałkowska 104`. */
export const streetOf = (a: Address): string => `${a.street} ${a.buildingNumber}`;
