import type { FastifyInstance } from 'fastify';
import { discardBody } from '@cabs/mesh-http';

/**
 * A body over the limit is answered 413 once the sender has finished uploading it (read and dropped, bounded):
 * answered and closed mid-upload, the sender got a broken pipe instead of the status that says why.
 */
export function refuseOversizedBodiesGracefully(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addHook('onError', async (request, _reply, error) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      await discardBody(request.raw, 8 * bodyLimit);
  });
}
