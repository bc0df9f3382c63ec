import type { FastifyInstance } from 'fastify';

/**
 * Once the server is closing, every response says `Connection: close`. Closing reaps only idle keep-alive
 * connections; one whose request was still in flight would otherwise stay open after its answer, and the close
 * would wait for the client to hang up — up to Fastify's 72 s keep-alive — long past any grace period, so the
 * process would be killed before its outbox is flushed.
 */
export function closeConnectionsWhenClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
}
