import { timingSafeEqual } from 'node:crypto';

/**
 * The optional shared secret of the mesh (`MESH_TOKEN`): when set, senders and admin callers present it as
 * `Authorization: Bearer <token>` and the broker presents it to subscribers. A placeholder for real
 * workload identity (Knative's OIDC), deliberately simple.
 */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
