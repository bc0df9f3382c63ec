import { completeThroughMesh } from '@cabs/client';
import { localUrls, type SystemPorts } from '@cabs/devstack';
import type { Completion, Ride } from './ride-load.js';
import type { SettlementWatch } from './settlement-watch.js';

/** The rider's side of the mesh: CompleteTransit to the broker's ingress; done for the rider at its 202. */
export function completeOverMesh(ports: SystemPorts, watch: SettlementWatch): (ride: Ride) => Promise<Completion> {
  return async (ride) => {
    const settled = watch.expect(ride.id);
    const { status } = await completeThroughMesh(localUrls(ports).ingress, ride);
    return status === 202 ? { ok: true, settled } : { ok: false, failedAt: `ingress answered ${status}` };
  };
}
