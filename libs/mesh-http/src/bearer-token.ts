import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The mesh's shared secret (`MESH_TOKEN`), checked the same way wherever it is presented: at the broker's ingress
 * and admin API, and at every service's `POST /`. Senders present it as `Authorization: Bearer <token>`; the scheme
 * is case-insensitive (RFC 9110 §11.1). A placeholder for real workload identity (Knative's OIDC), deliberately simple.
 *
 * Constant time in what the caller guesses: both sides are hashed first, so neither the position of the first wrong
 * character nor the token's length shows in how long the answer takes.
 */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer +(\S.*)$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && tokenMatches(presented, token);
}

/** The comparison itself, for a secret presented some other way (e.g. as a Basic password). Never true for an empty token. */
export function tokenMatches(presented: string, token: string): boolean {
  return Boolean(token) && timingSafeEqual(digest(presented), digest(token));
}

const digest = (value: string) => createHash('sha256').update(value).digest();
