import { Injectable, Logger } from '@nestjs/common';
import type { SqlClient } from '@cabs/platform';
import { storeMessages, type FactRef } from '../db/notifications.js';
import type { Message } from '../domain/messages.js';

/**
 * Where messages are delivered. The channels are simulated: the stored message is the notification, and the log
 * line is what a workshop sees being "sent".
 */
@Injectable()
export class Postbox {
  private readonly logger = new Logger('Postbox');

  /** Each message once per fact, recipient and kind: a fact delivered again sends nothing more. */
  async deliver(tx: SqlClient, fact: FactRef, transitId: string, messages: Message[]): Promise<void> {
    for (const m of await storeMessages(tx, fact, transitId, messages))
      this.logger.log(`✉ to ${m.recipient} — ${m.text}`);
  }
}
