import { Type } from '@sinclair/typebox';

export const DEFAULT_LIMIT = 50;

/** `GET /notifications`: whose messages (required); an unknown parameter is an error, not ignored. */
export const NotificationQuery = Type.Object(
  {
    recipient: Type.String({ description: 'client:<id> or driver:<id>' }),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_LIMIT, description: 'At most this many messages' }),
    ),
  },
  { additionalProperties: false },
);
