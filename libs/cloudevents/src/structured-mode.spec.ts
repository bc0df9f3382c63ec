import { describe, expect, it } from 'vitest';
import { Problem } from './mesh-event.js';
import { envelopeData, readEnvelope, type Envelope } from './structured-mode.js';

const base = { specversion: '1.0', id: 'e-1', source: 'usvc://cabs/cli', type: 'cabs.t' };
const read = (envelope: Record<string, unknown> | string) =>
  readEnvelope(typeof envelope === 'string' ? envelope : JSON.stringify(envelope));

describe('the JSON event format', () => {
  it('keeps an extension that is a boolean or a 32-bit whole number as its canonical string, and skips nulls', () => {
    expect(read({ ...base, urgent: false, retries: -2147483648, big: 2147483647, subject: null })).toEqual({
      attributes: { ...base, urgent: 'false', retries: '-2147483648', big: '2147483647' },
      data: undefined,
      dataBase64: undefined,
    });
  });

  it('refuses numbers that are no CloudEvents Integer, saying why', () => {
    for (const value of [1.5, 2147483648, -2147483649, 1e40])
      expect((read({ ...base, priority: value }) as Problem).message, String(value)).toMatch(
        /^attribute "priority" must be a string, number or boolean, not the number .* \(CloudEvents numbers are whole, from -2147483648 to 2147483647\)$/,
      );
  });

  it('refuses a member whose name is no attribute name before using it as a key', () => {
    expect(read(`{"specversion":"1.0","__proto__":"x"}`)).toEqual(
      new Problem(
        'invalid attribute name "__proto__": CloudEvents attribute names are lower-case ASCII letters and digits',
      ),
    );
  });

  it('takes the data apart from the attributes: base64 as bytes, a value as it is, JSON implied', () => {
    const data = (envelope: Record<string, unknown>) => {
      const read_ = read(envelope) as Envelope;
      return { data: envelopeData(read_), attributes: read_.attributes };
    };
    expect(data({ ...base, data_base64: 'AQID' }).data).toEqual(Buffer.from([1, 2, 3]));
    expect(data({ ...base, data: { a: 1 } })).toEqual({
      data: { a: 1 },
      attributes: { ...base, datacontenttype: 'application/json' },
    });
    expect(data({ ...base, datacontenttype: 'text/plain', data: 'hi' }).data).toBe('hi');
    expect(data({ ...base }).data).toBeUndefined();
    expect(data({ ...base, data_base64: 42 }).data).toEqual(new Problem('"data_base64" must be a base64 string'));
  });
});
