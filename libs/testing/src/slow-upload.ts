import http from 'node:http';

/** What a sender uploading slowly saw: the status of the answer, and whether sending the body failed. */
export interface SlowUpload {
  status?: number;
  error?: string;
}

/**
 * POSTs `size` bytes in 64 KiB pieces, one every couple of milliseconds, the way a sender on a slow link does, and
 * resolves once both the answer has been read and the body sent (or the sending failed).
 */
export function uploadSlowly(url: string, size: number, headers: Record<string, string>): Promise<SlowUpload> {
  return new Promise((resolve) => {
    const seen: SlowUpload = {};
    let pending = 2; // the answer read, and the body sent (or the sending failed)
    const settle = () => --pending === 0 && resolve(seen);
    const request = http.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(size) }, agent: false },
      (response) => {
        seen.status = response.statusCode;
        response.resume();
        response.on('end', settle);
      },
    );
    request.on('error', (err) => {
      seen.error = err.message;
      if (seen.status === undefined) settle(); // no answer will come either
      settle();
    });
    request.on('finish', settle);
    const piece = Buffer.alloc(64 * 1024, 97);
    let written = 0;
    const next = (): void => {
      if (written >= size) return void request.end();
      written += piece.length;
      request.write(piece, (err) => (err ? undefined : setTimeout(next, 2)));
    };
    next();
  });
}
