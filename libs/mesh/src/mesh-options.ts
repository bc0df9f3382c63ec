export interface MeshOptions {
  /** The service name; events it emits carry `source: usvc://cabs/<service>`. */
  service: string;
  /**
   * Error classes of the service's domain that mean "this command can never succeed" (→ 422, dead-lettered
   * without retries), e.g. an illegal status transition. Anything else unexpected is a 500 and retried.
   */
  rejects?: (new (...args: never[]) => Error)[];
  /** Outbox relay tuning. */
  relay?: { pollIntervalMs?: number; batchSize?: number; concurrency?: number; sendTimeoutMs?: number };
}

export const MESH_OPTIONS = Symbol.for('cabs.mesh.options');
