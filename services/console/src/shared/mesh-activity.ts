/**
 * One happening on the mesh, as the broker's admin API streams it (`GET /stream`). The console's own copy of the
 * shape: a service never imports another, and the stream is a public interface of the broker.
 */
export type ActivityKind =
  | 'event.accepted'
  | 'delivery.attempted'
  | 'delivery.succeeded'
  | 'delivery.retry-scheduled'
  | 'delivery.dead-lettered'
  | 'dead-letter.sent'
  | 'dead-letter.kept'
  | 'delivery.redriven';

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  'event.accepted',
  'delivery.attempted',
  'delivery.succeeded',
  'delivery.retry-scheduled',
  'delivery.dead-lettered',
  'dead-letter.sent',
  'dead-letter.kept',
  'delivery.redriven',
];

export interface MeshActivity {
  kind: ActivityKind;
  /** ISO time the broker published it. */
  at: string;
  /** The broker's row ids (strings: they are 64-bit). */
  eventId?: string;
  deliveryId?: string;
  trigger?: string;
  /** CloudEvents attributes of the event concerned. */
  type?: string;
  source?: string;
  id?: string;
  subject?: string;
  /** event.accepted: the Triggers it matched. */
  triggers?: string[];
  attempt?: number;
  maxAttempts?: number;
  status?: number | null;
  error?: string | null;
  durationMs?: number;
  nextAttemptAt?: string;
  deadLetter?: string;
}
