import { describe, expect, it } from 'vitest';
import { binaryModeAttributes, binaryModeHeaders } from './binary-mode.js';
import { Problem } from './mesh-event.js';

describe('binary mode', () => {
  it('puts each attribute in a ce- header, percent-encoded, and datacontenttype in Content-Type', () => {
    expect(
      binaryModeHeaders({
        specversion: '1.0',
        id: 'e-1',
        source: 'usvc://cabs/transit',
        type: 'cabs.transit.driver-assigned',
        subject: 'Łódź 100%',
        datacontenttype: 'application/json',
      }),
    ).toEqual({
      'ce-specversion': '1.0',
      'ce-id': 'e-1',
      'ce-source': 'usvc://cabs/transit',
      'ce-type': 'cabs.transit.driver-assigned',
      'ce-subject': '%C5%81%C3%B3d%C5%BA 100%25',
      'content-type': 'application/json',
    });
  });

  it('reads them back, joining a repeated header as HTTP does, and ignoring other headers', () => {
    expect(
      binaryModeAttributes({
        'ce-specversion': '1.0',
        'ce-subject': '%C5%81%C3%B3d%C5%BA 100%25',
        'ce-tags': ['a', 'b'],
        'content-type': 'text/plain',
        'user-agent': 'curl',
        authorization: 'Bearer x',
      }),
    ).toEqual({ specversion: '1.0', subject: 'Łódź 100%', tags: 'a,b', datacontenttype: 'text/plain' });
  });

  it('says which header is wrong, and that a message without ce- headers is no CloudEvent', () => {
    expect(binaryModeAttributes({ 'ce-specversion': '1.0', 'ce-bad_name': 'x' })).toEqual(
      new Problem(
        'invalid attribute name "bad_name": CloudEvents attribute names are lower-case ASCII letters and digits',
      ),
    );
    expect(binaryModeAttributes({ 'ce-data': 'x' })).toEqual(
      new Problem('no attribute may be named "data": the name is reserved for the data'),
    );
    expect(binaryModeAttributes({ 'ce-id': '%C3%28' })).toEqual(
      new Problem('header ce-id: %C3%28 is not percent-encoded UTF-8'),
    );
    expect(binaryModeAttributes({ 'content-type': 'application/json' })).toBeInstanceOf(Problem);
  });
});
