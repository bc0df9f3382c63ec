import { describe, expect, it } from 'vitest';
import { serverSentEvents } from './server-sent-events.js';

/** A body that arrives in these chunks. */
async function* body(...chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield new TextEncoder().encode(chunk);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const read = (...chunks: string[]) => collect(serverSentEvents(body(...chunks)));

describe('serverSentEvents', () => {
  it('reads named events with JSON data, skipping comments', async () => {
    const stream = ': cabs mesh activity\n\nevent: delivery.succeeded\ndata: {"attempt":1}\n\n: heartbeat\n\n';
    expect(await read(stream)).toEqual([{ event: 'delivery.succeeded', data: '{"attempt":1}' }]);
  });

  it('completes a message only at its blank line, wherever the chunks split it, even inside a character', async () => {
    const stream = 'event: event.accepted\ndata: {"subject":"Łódź"}\n\nevent: delivery.attempted\ndata: {}\n\n';
    const bytes = new TextEncoder().encode(stream);
    for (let cut = 1; cut < bytes.length; cut++) {
      const halves = async function* () {
        yield bytes.slice(0, cut);
        yield bytes.slice(cut);
      };
      const messages = await collect(serverSentEvents(halves()));
      expect(messages).toEqual([
        { event: 'event.accepted', data: '{"subject":"Łódź"}' },
        { event: 'delivery.attempted', data: '{}' },
      ]);
    }
  });

  it('joins multi-line data with newlines and names an unnamed event "message"', async () => {
    expect(await read('data: first\ndata:second\n\n')).toEqual([{ event: 'message', data: 'first\nsecond' }]);
  });

  it('treats CR LF and lone CR as line ends, even when CR LF is split across chunks', async () => {
    expect(await read('event: a\r', '\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r\n')).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('dispatches nothing for a message without data, and keeps the id of one with', async () => {
    expect(await read('event: lonely\n\nretry: 100\nid: 7\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', id: '7' },
    ]);
  });
});
