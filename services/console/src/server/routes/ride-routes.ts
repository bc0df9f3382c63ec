import type { FastifyInstance } from 'fastify';
import type { RideDesk } from '../rides/ride-desk.js';
import type { RidesReader } from '../rides/rides-reader.js';

const RideId = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } },
  required: ['id'],
} as const;

const PlaceChoice = {
  type: 'object',
  properties: { to: { type: 'string', minLength: 1, maxLength: 300 } },
  required: ['to'],
  additionalProperties: false,
} as const;

/** Rides: read them, prepare a new one, send one elsewhere, complete one through the mesh. */
export function rideRoutes(app: FastifyInstance, reader: RidesReader, desk: RideDesk): void {
  app.get('/api/rides', () => reader.rides());

  app.post('/api/rides', async (_request, reply) => reply.code(201).send(await desk.prepare()));

  app.get('/api/places', () => desk.places());

  // transit's 202: the new destination is queued as a command; the ride shows it once the mesh delivered it.
  app.post<{ Params: { id: string }; Body: { to: string } }>(
    '/api/rides/:id/destination',
    { schema: { params: RideId, body: PlaceChoice } },
    async (request, reply) => reply.code(202).send(await desk.changeDestination(request.params.id, request.body.to)),
  );

  // The page shows the broker's own answer, so its status is passed through: 202 Accepted once persisted.
  app.post<{ Params: { id: string } }>(
    '/api/rides/:id/complete',
    { schema: { params: RideId } },
    async (request, reply) => {
      const result = await desk.complete(request.params.id);
      return reply.code(result.status).send(result);
    },
  );
}
