import type { Address } from './api-shapes.js';

/* What the demo's rides ask for: a few riders and real Warsaw addresses (with coordinates, so distances are real). */

export const RIDERS = [
  { clientId: '6a0c9b1e-2f4d-4e8a-9c3b-5d7e1f2a3b01', clientName: 'Zofia Zielińska' },
  { clientId: '6a0c9b1e-2f4d-4e8a-9c3b-5d7e1f2a3b02', clientName: 'Piotr Wójcik' },
  { clientId: '6a0c9b1e-2f4d-4e8a-9c3b-5d7e1f2a3b03', clientName: 'Ewa Kamińska' },
  { clientId: '6a0c9b1e-2f4d-4e8a-9c3b-5d7e1f2a3b04', clientName: 'Tomasz Lewandowski' },
] as const;

export const PLACES: readonly Address[] = [
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Plac Defilad',
    buildingNumber: '1',
    postalCode: '00-901',
    lat: 52.2318,
    lon: 21.0059,
  },
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Rynek Starego Miasta',
    buildingNumber: '28',
    postalCode: '00-272',
    lat: 52.2497,
    lon: 21.0122,
  },
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Stanisława Kostki Potockiego',
    buildingNumber: '10',
    postalCode: '02-958',
    lat: 52.1651,
    lon: 21.0904,
  },
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Aleje Ujazdowskie',
    buildingNumber: '4',
    postalCode: '00-478',
    lat: 52.2155,
    lon: 21.0311,
  },
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Wybrzeże Kościuszkowskie',
    buildingNumber: '20',
    postalCode: '00-390',
    lat: 52.2419,
    lon: 21.0286,
  },
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Księcia Józefa Poniatowskiego',
    buildingNumber: '1',
    postalCode: '03-901',
    lat: 52.2395,
    lon: 21.0458,
  },
  {
    country: 'Poland',
    city: 'Warsaw',
    street: 'Żwirki i Wigury',
    buildingNumber: '1',
    postalCode: '00-906',
    lat: 52.1672,
    lon: 20.9679,
  },
];

/** The n-th request (`POST /transits`): riders and routes taken in turn, never from a place to itself. */
export function rideRequest(n: number) {
  const i = Math.abs(Math.trunc(n));
  const pickup = PLACES[i % PLACES.length];
  const destination = PLACES[(i + 1 + (Math.trunc(i / PLACES.length) % (PLACES.length - 1))) % PLACES.length];
  return { ...RIDERS[i % RIDERS.length], pickup, destination };
}
