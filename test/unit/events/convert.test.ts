import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDateTime } from '../../../server/src/engine/values';
import { fromText, parseIsoDateTime } from '../../../server/src/events';
import { CellError } from '../../../server/src/events/convert';

describe('cell conversion', () => {
  it('parses the export datetime form exactly as the general parser does', () => {
    for (const text of ['2024-01-15T10:23:45Z', '2024-01-15T10:23:45.1234567Z', '2024-02-29 23:59:59.9', '1969-12-31T23:59:59.999Z', '0001-01-01T00:00:00Z', '2000-03-01T00:00:00.12345678Z']) {
      assert.equal(parseIsoDateTime(text), parseDateTime(text), text);
    }
  });

  it('leaves other datetime forms and impossible dates to the general parser', () => {
    for (const text of ['2023-02-29T00:00:00Z', '2024-01-15', '2024-01-15T10:23:45+02:00', '2024-01-15T25:00:00Z', '2024-01-15T10:23:45.Z']) {
      assert.equal(parseIsoDateTime(text), undefined, text);
    }
  });

  it('types text cells', () => {
    const check = (text: string, type: Parameters<typeof fromText>[1], expected: unknown) => assert.deepEqual(fromText(text, type), expected, `${type} ${text}`);
    check('', 'string', '');
    check('', 'long', null);
    check(' 42 ', 'long', 42);
    check('3000000000', 'int', new CellError('3000000000 is out of range for an int column'));
    check('1.5e3', 'real', 1500);
    check('NaN', 'real', NaN);
    check('TRUE', 'bool', true);
    check('0', 'bool', false);
    check('1.02:03:04', 'timespan', parseTimespanTicks());
    check('{7A9C-bad}', 'guid', new CellError('expected a guid, found "{7A9C-bad}"'));
    check('7A9C1A2B-0000-4000-8000-00000000000A', 'guid', '7a9c1a2b-0000-4000-8000-00000000000a');
    check('5', 'dynamic', 5);
    check('not json', 'dynamic', 'not json');
  });
});

function parseTimespanTicks(): bigint {
  return ((((1n * 24n + 2n) * 60n + 3n) * 60n + 4n) * 10_000_000n);
}
