import { Type } from '@sinclair/typebox';
import { Id } from '@cabs/contracts';

export const DEFAULT_LIMIT = 50;

/** `GET /invoices`: both filters optional; an unknown parameter (a typo such as `transitID`) is an error, not ignored. */
export const InvoiceQuery = Type.Object(
  {
    transitId: Type.Optional(Id('the ride')),
    clientId: Type.Optional(Id('the client')),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_LIMIT, description: 'At most this many invoices' }),
    ),
  },
  { additionalProperties: false },
);
