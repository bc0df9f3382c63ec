import { describe, expect, it } from 'vitest';
import type { AttemptResult } from './http-post.js';
import { isRetryable, judgeDeadLetterSinkAnswer, judgeSubscriberAnswer } from './verdict.js';

const answer = (status: number, headers: Record<string, string> = {}, body = ''): AttemptResult => ({
  kind: 'response',
  status,
  headers,
  body: Buffer.from(body),
  truncated: false,
  durationMs: 1,
});

describe('judging a subscriber answer', () => {
  it('retries 404, 408, 409, 429 and every 5xx; nothing else', () => {
    const retried = Array.from({ length: 600 }, (_, s) => s).filter(isRetryable);
    expect(retried.filter((s) => s < 500)).toEqual([404, 408, 409, 429]);
    expect(retried.filter((s) => s >= 500)).toHaveLength(100);
  });

  it('counts a 2xx with an empty body as delivered', () => {
    expect(judgeSubscriberAnswer(answer(202))).toEqual({ outcome: 'delivered', status: 202 });
  });

  it('reads a 2xx CloudEvent reply, binary or structured', () => {
    const binary = judgeSubscriberAnswer(
      answer(
        200,
        {
          'ce-specversion': '1.0',
          'ce-id': 'r',
          'ce-source': 'usvc://cabs/fees',
          'ce-type': 'cabs.drivers.driver-fee',
          'content-type': 'application/json',
        },
        '{"fee":1}',
      ),
    );
    expect(binary).toMatchObject({
      outcome: 'delivered',
      reply: { attributes: { id: 'r', type: 'cabs.drivers.driver-fee' } },
    });
    const structured = judgeSubscriberAnswer(
      answer(
        200,
        { 'content-type': 'application/cloudevents+json' },
        JSON.stringify({ specversion: '1.0', id: 'r', source: '/s', type: 't' }),
      ),
    );
    expect(structured).toMatchObject({ outcome: 'delivered', reply: { attributes: { id: 'r' } } });
  });

  it('fails, without retry, a 2xx whose body is not a CloudEvent or an invalid one', () => {
    expect(judgeSubscriberAnswer(answer(200, { 'content-type': 'text/plain' }, 'ok'))).toMatchObject({
      outcome: 'fail',
      status: 200,
      error: 'HTTP 200 with a body that is not a CloudEvent',
    });
    expect(judgeSubscriberAnswer(answer(200, { 'ce-specversion': '1.0' }))).toMatchObject({
      outcome: 'fail',
      error: 'the reply is not a valid CloudEvent: missing required attribute "id" (header ce-id)',
    });
  });

  it('retries a connection failure and keeps the response body of a failure', () => {
    expect(
      judgeSubscriberAnswer({
        kind: 'failure',
        error: 'connection refused (ECONNREFUSED)',
        timedOut: false,
        durationMs: 1,
      }),
    ).toEqual({
      outcome: 'retry',
      status: null,
      error: 'connection refused (ECONNREFUSED)',
      body: null,
    });
    expect(judgeSubscriberAnswer(answer(422, {}, 'no'))).toMatchObject({
      outcome: 'fail',
      status: 422,
      body: Buffer.from('no'),
    });
  });

  it('lets a dead-letter sink answer anything with a 2xx', () => {
    expect(judgeDeadLetterSinkAnswer(answer(200, {}, 'stored'))).toEqual({ outcome: 'delivered', status: 200 });
    expect(judgeDeadLetterSinkAnswer(answer(503))).toMatchObject({ outcome: 'retry' });
  });
});
