import type { FastifyInstance } from 'fastify';
import type { BrokerAdmin } from '../mesh/broker-admin.js';

const DeliveryId = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
  required: ['id'],
} as const;

/** Dead letters kept by the broker, and sending them back to their Triggers. */
export function deadLetterRoutes(
  app: FastifyInstance,
  admin: BrokerAdmin,
  serviceOf: (trigger: string) => string | null,
): void {
  app.get('/api/dead-letters', () => admin.deadLetters(serviceOf));

  app.post('/api/dead-letters/redrive', () => admin.redrive());

  app.post<{ Params: { id: string } }>('/api/dead-letters/:id/redrive', { schema: { params: DeliveryId } }, (request) =>
    admin.redrive(request.params.id),
  );
}
