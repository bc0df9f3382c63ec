import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('reads named events with JSON data, skipping comments', () => {
    const parser = new SseParser();
    const stream = ': cabs mesh activity\n\nevent: delivery.succeeded\ndata: {"attempt":1}\n\n: heartbeat\n\n';
    expect(parser.push(stream)).toEqual([{ event: 'delivery.succeeded', data: '{"attempt":1}' }]);
  });

  it('completes a message only at its blank line, wherever the chunks split it', () => {
    const stream =
      'event: event.accepted\ndata: {"type":"cabs.transit.complete-transit"}\n\nevent: delivery.attempted\ndata: {}\n\n';
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new SseParser();
      const messages = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))];
      expect(messages.map((m) => m.event)).toEqual(['event.accepted', 'delivery.attempted']);
    }
  });

  it('joins multi-line data with newlines and defaults the event name to "message"', () => {
    expect(new SseParser().push('data: first\ndata:second\n\n')).toEqual([{ event: 'message', data: 'first\nsecond' }]);
  });

  it('treats CR LF and lone CR as line ends, even when CR LF is split across chunks', () => {
    const parser = new SseParser();
    expect(parser.push('event: a\r')).toEqual([]);
    expect(parser.push('\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r\n')).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('ignores a message without data and unknown fields', () => {
    expect(new SseParser().push('event: lonely\n\nretry: 100\nid: 7\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x' },
    ]);
  });
});
