import http from 'node:http';
import https from 'node:https';

// Keep-alive: a relay talks to one sink (the broker's ingress) all day long. node:http rather than fetch: a POST
// through fetch cost four times the CPU here (web streams, abort signals), and the relay makes one per event.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** POSTs a binary-mode CloudEvent; rejects unless the answer is 2xx, with what the sink said. */
export function postEvent(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          response.resume();
          response.on('end', resolve);
          response.on('error', reject);
          return;
        }
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text = (text + chunk).slice(0, 300)));
        response.on('end', () => reject(new Error(`mesh answered ${status}${text ? `: ${text}` : ''}`)));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from the mesh within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
