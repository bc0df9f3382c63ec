import { DomainError } from './domain-error.js';

/** Who a message is for, written as in the query: `client:<id>` or `driver:<id>`. */
export type Recipient = `client:${string}` | `driver:${string}`;

export const clientRecipient = (clientId: string): Recipient => `client:${clientId}`;
export const driverRecipient = (driverId: string): Recipient => `driver:${driverId}`;

// Ids are UUIDs, but here an id is only a key to find messages by: any plain token will do.
const RECIPIENT = /^(client|driver):[A-Za-z0-9_-]{1,64}$/;

/** Validates the `?recipient=` query parameter. */
export function parseRecipient(text: string): Recipient {
  if (!RECIPIENT.test(text)) {
    throw new DomainError(
      'invalid-recipient',
      `"${text}" is not a recipient: expected client:<id> or driver:<id>, e.g. client:0b6f2c4e-6f2a-4f5e-9d3b-2f1a7c9e8d10.`,
    );
  }
  return text as Recipient;
}
