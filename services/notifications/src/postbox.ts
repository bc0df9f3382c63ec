import { Injectable, Logger } from '@nestjs/common';
import type { ReceivedEvent } from '@cabs/mesh';
import type { Tx } from './db/database.js';
import type { Message } from './domain/messages.js';

/**
 * Where messages are delivered. The channels are simulated: the stored message is the notification, and the log
 * line is what a workshop sees being "sent".
 */
@Injectable()
export class Postbox {
  private readonly logger = new Logger('Postbox');

  /** Stores each message once per fact, recipient and kind: a fact delivered again adds nothing. */
  async deliver(tx: Tx, fact: ReceivedEvent, transitId: string, messages: Message[]): Promise<void> {
    const stored = await tx.notification.createManyAndReturn({
      data: messages.map((m) => ({ ...m, transitId, factType: fact.type, factSource: fact.source, factId: fact.id })),
      skipDuplicates: true,
    });
    for (const m of stored) this.logger.log(`✉ to ${m.recipient} — ${m.text}`);
  }
}
