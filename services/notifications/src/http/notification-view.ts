import type { NotificationView } from '@cabs/contracts';
import type { Notification } from '../db/generated/client.js';

/** A message as the REST API shows it (NotificationView, the contract's schema). */
export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    recipient: n.recipient,
    kind: n.kind as NotificationView['kind'],
    text: n.text,
    transitId: n.transitId,
    factType: n.factType,
    createdAt: n.createdAt.toISOString(),
  };
}
