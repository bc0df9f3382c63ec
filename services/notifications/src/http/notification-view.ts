import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from '@cabs/contracts';
import type { Notification } from '../db/generated/client.js';

/** A message as the REST API shows it. */
export const NotificationView = Type.Object({
  id: Id('the message'),
  recipient: Type.String({ description: 'client:<id> or driver:<id>' }),
  kind: Type.Union([Type.Literal('ride-completed'), Type.Literal('invoice-issued'), Type.Literal('fee-calculated')]),
  text: Type.String({ description: 'What the person was told' }),
  transitId: Id('the ride it is about'),
  factType: Type.String({ description: 'The CloudEvents type of the fact that called for it' }),
  createdAt: Timestamp,
});
export type NotificationView = Static<typeof NotificationView>;

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
