import type { FastifyInstance } from 'fastify';
import { bearerTokenMatches, tokenMatches } from '@cabs/mesh-http';

/**
 * With CONSOLE_TOKEN set (the console exposed beyond the cluster: k8s/components/console-public), every request but
 * the probes needs it: `Authorization: Bearer <token>`, or HTTP Basic with the token as password, so a browser asks
 * for it once and sends it with every request of the page, its event stream included. The console can complete
 * rides and redrive dead letters: it is not for anyone who finds its address.
 */
export function requireAccessToken(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/health/')) return;
    const authorization = request.headers.authorization;
    if (bearerTokenMatches(authorization, token) || tokenMatches(basicPassword(authorization) ?? '', token)) return;
    return reply.code(401).header('www-authenticate', 'Basic realm="cabs console", charset="UTF-8"').send({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'the console asks for its access token (CONSOLE_TOKEN): as the password, any user name',
    });
  });
}

/** The password of `Authorization: Basic base64(user:password)`, if that is what was sent. */
function basicPassword(authorization: string | undefined): string | undefined {
  const encoded = /^Basic +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
