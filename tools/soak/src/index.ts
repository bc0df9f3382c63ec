// What e2e tests reuse of the soak: the short run, and the rider, load and invariants of a rolling restart.
export { checkInvariants, settlementProgress, type Databases, type Invariant } from './invariants.js';
export { renderReport } from './report.js';
export { registerSoakDrivers, runRideLoad, type RideOutcome } from './ride-load.js';
export { Rider, RiderLedger } from './rider.js';
export { DEFAULT_SOAK, runSoak, type SoakOptions, type SoakResult } from './soak.js';
