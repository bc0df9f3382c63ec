import { RetryLater } from '@cabs/mesh';

/**
 * Facts about a ride follow its completion, which this service committed first, so an unknown
 * ride should not happen. If it does (say, a database restored from an older backup), the mesh
 * keeps the fact and retries it: losing an answer would leave the settlement pending for ever.
 */
export const unknownTransit = (transitId: string): RetryLater =>
  new RetryLater(`Transit ${transitId} is not known here yet; retry later`);
