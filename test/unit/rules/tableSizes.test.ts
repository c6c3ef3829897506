// Table volumes scale the weights of findings that scan a table; everything else keeps its weight.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTableSizes, scaledWeight, type TableSizes } from '../../../server/src/rules/cost/tableSizes';
import { lintDocument } from '../../../server/src/rules/lint';
import { environment } from './ruleTester';

function sizes(json: unknown): TableSizes {
  const read = readTableSizes(json);
  assert.ok('sizes' in read, JSON.stringify(read));
  return read.sizes;
}

test('volumes become factors against the median listed volume; unlisted tables and no file keep the weight', () => {
  const gb = sizes({ unit: 'GB/day', tables: { DeviceProcessEvents: 400, DeviceFileEvents: 100, IdentityLogonEvents: 10 } });
  assert.equal(scaledWeight(5, 'DeviceProcessEvents', gb), 20);
  assert.equal(scaledWeight(5, 'DeviceFileEvents', gb), 5);
  assert.equal(scaledWeight(5, 'IdentityLogonEvents', gb), 0.5);
  assert.equal(scaledWeight(5, 'DeviceRegistryEvents', gb), 5);
  assert.equal(scaledWeight(5, undefined, gb), 5);
  assert.equal(scaledWeight(5, 'DeviceProcessEvents', undefined), 5);
  const rows = sizes({ unit: 'rows/day', tables: { A: 1e6, B: 3e6 } });
  assert.equal(scaledWeight(1, 'B', rows), 1.5);
});

test("kql-guard's flat map is read as factors", () => {
  assert.equal(scaledWeight(5, 'DeviceProcessEvents', sizes({ DeviceProcessEvents: 10 })), 50);
});

test('a malformed file says what is wrong', () => {
  const problem = (json: unknown) => {
    const read = readTableSizes(json);
    return 'problem' in read ? read.problem : '';
  };
  assert.match(problem([1]), /expected an object/);
  assert.match(problem({ unit: 'TB/year', tables: {} }), /"unit" must be one of "GB\/day", "rows\/day"/);
  assert.match(problem({ unit: 'GB/day', tables: { T: -1 } }), /T: the volume in GB\/day must be a number above 0, not -1/);
  assert.match(problem({ T: 'big' }), /T: the factor must be a number above 0/);
});

test('the scan rules name the table they scan; a let-sourced output names none', () => {
  const text = 'DeviceProcessEvents\n| join (DeviceFileEvents | where Timestamp > ago(1d)) on DeviceId\n\nlet x = DeviceNetworkEvents | where Timestamp > ago(1h);\nx';
  const scanned = lintDocument(text, environment).findings.filter((f) => f.weight).map((f) => [f.code, f.scannedTable ?? null]);
  assert.deepEqual(scanned, [
    ['missing-time-filter', 'DeviceProcessEvents'],
    ['no-reduction', 'DeviceProcessEvents'],
    ['unwindowed-join', 'DeviceProcessEvents'],
    ['no-reduction', null],
  ]);
});
