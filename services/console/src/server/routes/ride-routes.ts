import type { FastifyInstance } from 'fastify';
import type { RideDesk } from '../rides/ride-desk.js';
import type { RidesReader } from '../rides/rides-reader.js';

const RideId = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } },
  required: ['id'],
} as const;

/** Rides: read them, prepare a new one, complete one through the mesh. */
export function rideRoutes(app: FastifyInstance, reader: RidesReader, desk: RideDesk): void {
  app.get('/api/rides', () => reader.rides());

  app.post('/api/rides', async (_request, reply) => reply.code(201).send(await desk.prepare()));

  // The page shows the broker's own answer, so its status is passed through: 202 Accepted once persisted.
  app.post<{ Params: { id: string } }>('/api/rides/:id/complete', { schema: { params: RideId } }, async (request, reply) => {
    const result = await desk.complete(request.params.id);
    return reply.code(result.status).send(result);
  });
}
