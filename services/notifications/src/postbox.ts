import { Injectable, Logger } from '@nestjs/common';
import type { ReceivedEvent } from '@cabs/mesh';
import type { SqlClient } from '@cabs/platform';
import type { Message } from './domain/messages.js';

/**
 * A fact's messages in one statement, one row per message. The unique key (fact, recipient, kind) skips those stored
 * at an earlier delivery; RETURNING names the ones stored now.
 */
const STORE_MESSAGES = `
  INSERT INTO notifications (id, recipient, kind, text, transit_id, fact_type, fact_source, fact_id)
  SELECT gen_random_uuid(), recipient, kind, text, $4::uuid, $5, $6, $7
    FROM unnest($1::text[], $2::text[], $3::text[]) AS m(recipient, kind, text)
  ON CONFLICT (fact_source, fact_id, recipient, kind) DO NOTHING
  RETURNING recipient, text`;

/**
 * Where messages are delivered. The channels are simulated: the stored message is the notification, and the log
 * line is what a workshop sees being "sent".
 */
@Injectable()
export class Postbox {
  private readonly logger = new Logger('Postbox');

  /** Stores each message once per fact, recipient and kind: a fact delivered again adds nothing. */
  async deliver(tx: SqlClient, fact: ReceivedEvent, transitId: string, messages: Message[]): Promise<void> {
    const stored = await tx.query<{ recipient: string; text: string }>(STORE_MESSAGES, [
      messages.map((m) => m.recipient),
      messages.map((m) => m.kind),
      messages.map((m) => m.text),
      transitId,
      fact.type,
      fact.source,
      fact.id,
    ]);
    for (const m of stored) this.logger.log(`✉ to ${m.recipient} — ${m.text}`);
  }
}
