import type { SqlClient } from '@cabs/platform';
import type { Message } from '../domain/messages.js';
import type { Recipient } from '../domain/recipient.js';
import type { Notification } from './generated/client.js';
import type { NotificationsDatabase } from './database.js';

/** The fact a message was called for by: its CloudEvents type, source and id. */
export interface FactRef {
  readonly type: string;
  readonly source: string;
  readonly id: string;
}

/**
 * A fact's messages in one statement, one row per message. The unique key (fact, recipient, kind) skips those stored
 * at an earlier delivery; RETURNING names the ones stored now. Idempotent by itself, so the handlers that call it
 * need no inbox entry (decision 0021).
 */
const STORE_MESSAGES = `
  INSERT INTO notifications (id, recipient, kind, text, transit_id, fact_type, fact_source, fact_id)
  SELECT gen_random_uuid(), recipient, kind, text, $4::uuid, $5, $6, $7
    FROM unnest($1::text[], $2::text[], $3::text[]) AS m(recipient, kind, text)
  ON CONFLICT (fact_source, fact_id, recipient, kind) DO NOTHING
  RETURNING recipient, text`;

/** Stores each message once per fact, recipient and kind; returns those stored now (none when the fact came before). */
export function storeMessages(
  tx: SqlClient,
  fact: FactRef,
  transitId: string,
  messages: readonly Message[],
): Promise<Pick<Message, 'recipient' | 'text'>[]> {
  return tx.query<Pick<Message, 'recipient' | 'text'>>(STORE_MESSAGES, [
    messages.map((m) => m.recipient),
    messages.map((m) => m.kind),
    messages.map((m) => m.text),
    transitId,
    fact.type,
    fact.source,
    fact.id,
  ]);
}

/** One person's messages, newest first. */
export function listNotifications(
  db: NotificationsDatabase,
  recipient: Recipient,
  limit: number,
): Promise<Notification[]> {
  return db.notification.findMany({
    where: { recipient },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
