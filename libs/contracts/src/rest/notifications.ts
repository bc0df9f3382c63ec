import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from '../building-blocks.js';

/* notifications' REST API: what it accepts (validated) and what it answers (documented at its GET /openapi.json). */

export const NOTIFICATIONS_DEFAULT_LIMIT = 50;

/** `GET /notifications`: whose messages (required); an unknown parameter is an error, not ignored. */
export const NotificationQuery = Type.Object(
  {
    recipient: Type.String({ description: 'client:<id> or driver:<id>' }),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        default: NOTIFICATIONS_DEFAULT_LIMIT,
        description: 'At most this many messages',
      }),
    ),
  },
  { additionalProperties: false },
);

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
