import type { IncomingMessage } from 'node:http';

/**
 * Reads the rest of a request body into nothing — up to `limit` bytes or `timeoutMs` — so that an answer refusing
 * it (413) reaches a sender that is still uploading: answered and closed mid-upload, the sender got a broken pipe
 * instead of the status that says why.
 */
export function discardBody(body: IncomingMessage, limit: number, timeoutMs = 5000): Promise<void> {
  if (body.readableEnded || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      body.off('data', count);
      resolve();
    }
    function count(chunk: Buffer) {
      seen += chunk.length;
      if (seen > limit) done();
    }
    body.on('data', count);
    body.once('end', done);
    body.once('close', done);
    body.once('error', done);
    body.resume();
  });
}
