import { describe, expect, it } from 'vitest';
import { deadLetterSinkUrl, destinationResolver, parseSubscriberUrls, subscriberUrl } from './destinations.js';

const service = (name: string) => ({ ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name } });

describe('destinations', () => {
  it('parses the name=url list', () => {
    expect(parseSubscriberUrls(' transit=http://127.0.0.1:3001, fees=http://127.0.0.1:3003,')).toEqual(
      new Map([
        ['transit', 'http://127.0.0.1:3001'],
        ['fees', 'http://127.0.0.1:3003'],
      ]),
    );
    expect(parseSubscriberUrls('')).toEqual(new Map());
    expect(() => parseSubscriberUrls('transit')).toThrow(/"transit" is not name=url/);
    expect(() => parseSubscriberUrls('transit=localhost:3001')).toThrow(/must be http/);
  });

  it('resolves a mapped reference, else the template, else the in-cluster address', () => {
    const local = destinationResolver({ MESH_SUBSCRIBER_URLS: 'transit=http://127.0.0.1:3001' });
    expect(subscriberUrl(service('transit'), 'cabs', local)).toBe('http://127.0.0.1:3001');
    expect(subscriberUrl(service('fees'), 'cabs', local)).toBe('http://fees.cabs.svc.cluster.local');
    const compose = destinationResolver({ MESH_SUBSCRIBER_URL_TEMPLATE: 'http://{name}:3000' });
    expect(subscriberUrl(service('fees'), 'cabs', compose)).toBe('http://fees:3000');
  });

  it('takes an absolute uri, or one relative to the reference', () => {
    const r = destinationResolver({ MESH_SUBSCRIBER_URLS: 'transit=http://127.0.0.1:3001' });
    expect(subscriberUrl({ uri: 'http://127.0.0.1:9999/events' }, 'cabs', r)).toBe('http://127.0.0.1:9999/events');
    expect(subscriberUrl({ ...service('transit'), uri: '/cloudevents' }, 'cabs', r)).toBe(
      'http://127.0.0.1:3001/cloudevents',
    );
    expect(() => subscriberUrl({}, 'cabs', r)).toThrow(/needs a ref or a uri/);
    expect(() => subscriberUrl({ uri: '/relative' }, 'cabs', r)).toThrow(/not an absolute URL/);
  });

  it('keeps dead letters locally when the sink reference is not mapped', () => {
    const kafkaSink = {
      ref: { apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'KafkaSink', name: 'cabs-dead-letters' },
    };
    expect(deadLetterSinkUrl(kafkaSink, 'cabs', destinationResolver({}))).toBeUndefined();
    const mapped = destinationResolver({ MESH_SUBSCRIBER_URLS: 'cabs-dead-letters=http://127.0.0.1:3999' });
    expect(deadLetterSinkUrl(kafkaSink, 'cabs', mapped)).toBe('http://127.0.0.1:3999');
    expect(deadLetterSinkUrl({ uri: 'http://dls.example/' }, 'cabs', destinationResolver({}))).toBe(
      'http://dls.example/',
    );
  });
});
