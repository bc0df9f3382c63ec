import { describe, expect, it } from 'vitest';
import { attributeNameProblem, contextProblem } from './attribute-rules.js';

const minimal = { specversion: '1.0', id: 'e-1', source: 'usvc://cabs/transit', type: 'cabs.transit.driver-assigned' };
const problem = (attributes: Record<string, string>) => contextProblem(attributes, 'header', 'the broker')?.message;

describe('attribute names', () => {
  it('takes lower-case ASCII letters and digits, a digit first included', () => {
    for (const name of ['traceparent', 'knativeerrordest', 'comexampleextension1', '1st', 'a'])
      expect(attributeNameProblem(name), name).toBeUndefined();
  });

  it('takes names longer than 20 characters: the limit is a SHOULD for whoever names them', () => {
    expect(attributeNameProblem('averyveryverylongextensionname')).toBeUndefined();
    expect(attributeNameProblem('x'.repeat(200))).toBeUndefined();
  });

  it('refuses anything else, and "data", which is reserved', () => {
    for (const name of ['Bad', 'my_ext', 'dots.here', 'with space', 'ünïcode', '', '__proto__', 'data_base64'])
      expect(attributeNameProblem(name)?.message, name).toMatch(
        /^invalid attribute name ".*": CloudEvents attribute names are lower-case ASCII letters and digits$/,
      );
    expect(attributeNameProblem('data')?.message).toMatch(/"data": the name is reserved/);
  });
});

describe('the context', () => {
  it('takes a minimal 1.0 or 0.3 event and the optional attributes in their formats', () => {
    expect(problem(minimal)).toBeUndefined();
    expect(problem({ ...minimal, specversion: '0.3', schemaurl: 'urn:x' })).toBeUndefined();
    expect(
      problem({
        ...minimal,
        subject: 'Łódź 🌎',
        time: '2026-11-23T10:00:00Z',
        dataschema: 'urn:cabs:schema:cabs.transit.driver-assigned:v1',
        datacontenttype: 'application/json; charset=utf-8',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      }),
    ).toBeUndefined();
    for (const source of ['/mycontext/subcontext', '//github.com/cloudevents', 'urn:uuid:6e8bc430', '1-555-123-4567'])
      expect(problem({ ...minimal, source }), source).toBeUndefined();
  });

  it('names the first thing wrong, and where binary mode carries it', () => {
    const { specversion: _, ...noVersion } = minimal;
    expect(problem(noVersion)).toBe('missing required attribute "specversion" (header ce-specversion)');
    expect(problem({ ...minimal, specversion: '' })).toBe(
      'missing required attribute "specversion" (header ce-specversion)',
    );
    expect(problem({ ...minimal, specversion: '1.1' })).toBe(
      'unsupported specversion "1.1": the broker accepts CloudEvents 1.0 and 0.3',
    );
    expect(problem({ ...minimal, source: '' })).toBe('missing required attribute "source" (header ce-source)');
    expect(contextProblem({ ...minimal, type: '' }, 'field', 'the broker')?.message).toBe(
      'missing required attribute "type" (field "type")',
    );
    expect(problem({ ...minimal, time: '2026-11-23T10:00:00' })).toBe(
      'attribute "time" must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z, got "2026-11-23T10:00:00"',
    );
  });

  it('refuses the characters a CloudEvents String may not hold, saying which', () => {
    expect(problem({ ...minimal, subject: 'a\nb' })).toBe('attribute "subject" contains a control character (U+000A)');
    expect(problem({ ...minimal, id: 'a\u0085' })).toBe('attribute "id" contains a control character (U+0085)');
    expect(problem({ ...minimal, subject: 'a\ufffe' })).toMatch(/"subject" contains U\+FFFE, a Unicode noncharacter/);
    expect(problem({ ...minimal, subject: 'a\ufdd0' })).toMatch(/U\+FDD0, a Unicode noncharacter/);
    expect(problem({ ...minimal, subject: '\u{10ffff}' })).toMatch(/U\+10FFFF, a Unicode noncharacter/);
    expect(problem({ ...minimal, subject: 'a\udead' })).toMatch(
      /"subject" contains half of a surrogate pair \(U\+DEAD\)/,
    );
    expect(problem({ ...minimal, subject: '\ud800\udead' })).toBeUndefined();
  });

  it('checks formats with the CloudEvents JSON Schema, in 1.0 and in 0.3 alike', () => {
    for (const specversion of ['1.0', '0.3']) {
      expect(problem({ ...minimal, specversion, source: 'not a uri' })).toMatch(
        /^attribute "source" must match format "uri-reference", a URI reference \(RFC 3986\).*; got "not a uri"$/,
      );
      expect(problem({ ...minimal, specversion, subject: '' })).toBe('attribute "subject" must not be empty');
    }
    expect(problem({ ...minimal, dataschema: 'relative/schema.json' })).toMatch(
      /^attribute "dataschema" must match format "uri", an absolute URI/,
    );
    expect(problem({ ...minimal, datacontenttype: '' })).toBe('attribute "datacontenttype" must not be empty');
  });
});
