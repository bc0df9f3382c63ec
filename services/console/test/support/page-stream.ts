import { openEventStream, type ServerSentEvent } from '@cabs/client';
import { waitFor } from '@cabs/testing';
import type { StreamMessages } from '../../src/shared/console-api.js';

type Message = { [K in keyof StreamMessages]: { event: K; data: StreamMessages[K] } }[keyof StreamMessages];

/** What a page receives from the console's `/api/stream`, read over real HTTP. */
export class PageStream {
  readonly messages: Message[] = [];
  private readonly abort = new AbortController();

  static async open(url: string): Promise<PageStream> {
    const stream = new PageStream();
    void stream.read(await openEventStream(url, { signal: stream.abort.signal }));
    await stream.next('hello', () => true);
    return stream;
  }

  /** Waits for a message of this kind matching `match`, received at any time. */
  next<K extends keyof StreamMessages>(
    event: K,
    match: (data: StreamMessages[K]) => boolean,
    timeoutMs = 15_000,
  ): Promise<StreamMessages[K]> {
    return waitFor(
      `a "${event}" message on the page's stream (got: ${this.messages.map((m) => (m.event === 'activity' ? m.data.kind : m.event)).join(', ') || 'nothing'})`,
      () =>
        this.messages.find(
          (m): m is Extract<Message, { event: K }> => m.event === event && match(m.data as StreamMessages[K]),
        )?.data as StreamMessages[K] | undefined,
      { timeoutMs },
    );
  }

  /** Waits until the console follows the broker's stream, as the latest news on this page says. */
  meshConnected(): Promise<true> {
    return waitFor('the console to follow the broker’s activity stream', () => {
      const last = this.messages.findLast((m) => m.event === 'mesh' || m.event === 'hello');
      const link = last?.event === 'hello' ? last.data.mesh : last?.event === 'mesh' ? last.data : undefined;
      return link?.connected || undefined;
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read(events: AsyncIterable<ServerSentEvent>): Promise<void> {
    try {
      for await (const m of events) this.messages.push({ event: m.event, data: JSON.parse(m.data) } as Message);
    } catch {
      // Closed by the test.
    }
  }
}
