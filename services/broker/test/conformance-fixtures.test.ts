import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { isJson } from '@cabs/cloudevents';
import { sendBinary, sendStructured } from './support/send.js';
import { attributesOf } from './support/subscriber.js';
import { brokerToOneSubscriber } from './support/test-broker.js';

/** One document of the CloudEvents conformance suite: an HTTP request to make. */
interface Fixture {
  Mode?: 'binary' | 'structured';
  ContextAttributes: Record<string, string> & { Extensions?: Record<string, string> };
  TransportExtensions?: Record<string, string>;
  Data?: string;
}

function fixtures(file: string): { name: string; mode: 'binary' | 'structured'; fixture: Fixture }[] {
  const text = readFileSync(new URL(`./fixtures/cloudevents-conformance/${file}`, import.meta.url), 'utf8');
  // failsafe: every scalar stays a string, so `specversion: 1.0` is "1.0", not the number 1.
  return parseAllDocuments(text, { schema: 'failsafe' }).flatMap((doc, i) => {
    const fixture = doc.toJS() as Fixture;
    const modes = fixture.Mode ? [fixture.Mode] : (['binary', 'structured'] as const);
    return modes.map((mode) => ({
      name: `${file} #${i + 1} ${fixture.ContextAttributes.id} (${mode})`,
      mode,
      fixture,
    }));
  });
}

/** The attributes a fixture describes. A block scalar's final newline is YAML layout, and cannot travel in a header. */
function attributesOfFixture(fixture: Fixture): Record<string, string> {
  const { Extensions, ...context } = fixture.ContextAttributes;
  const extensions = Object.fromEntries(Object.entries(Extensions ?? {}).map(([k, v]) => [k, v.trimEnd()]));
  return { ...context, ...extensions };
}

describe('CloudEvents conformance fixtures pass through the broker unchanged', () => {
  const mesh = brokerToOneSubscriber();

  const all = ['v1_minimum.yaml', 'v03_minimum.yaml', 'v1.yaml', 'v03.yaml'].flatMap(fixtures);
  let sent = 0;

  it.each(all)('$name', async ({ mode, fixture }) => {
    const attrs = attributesOfFixture(fixture);
    const data = fixture.Data ?? '';
    const contentType = attrs.datacontenttype;
    const transport = fixture.TransportExtensions ?? {};
    if (mode === 'binary') {
      expect((await sendBinary(mesh.broker.brokerUrl, attrs, Buffer.from(data), transport)).status).toBe(202);
    } else {
      const json = contentType === undefined || isJson(contentType);
      expect(
        (await sendStructured(mesh.broker.brokerUrl, { ...attrs, data: json ? JSON.parse(data) : data }, transport))
          .status,
      ).toBe(202);
    }
    sent++;
    const [request] = (await mesh.subscriber.waitFor(sent)).slice(-1);

    if (mode === 'binary') {
      expect(attributesOf(request)).toEqual(attrs);
      expect(request.body.toString()).toBe(data);
    } else if (contentType === undefined || isJson(contentType)) {
      // Structured JSON data is a JSON value; binary mode carries its serialisation, with the implied content type.
      expect(attributesOf(request)).toEqual({ datacontenttype: 'application/json', ...attrs });
      expect(JSON.parse(request.body.toString())).toEqual(JSON.parse(data));
    } else {
      expect(attributesOf(request)).toEqual(attrs);
      expect(request.body.toString()).toBe(data);
    }
  });
});
