import type { ReceivedEvent } from '@cabs/mesh';

/** When drivers stated a fact: the event's time (set when drivers wrote it), or its arrival (`now`) when it has none. */
export function statedAt(event: ReceivedEvent, now: Date): Date {
  return event.time ? new Date(event.time) : now;
}
