// `kql-detect preview`: the terminal view of the preview model.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { previewCommand } from '../../../server/src/cli/preview';
import type { Output } from '../../../server/src/cli/output';

const SEED = join(__dirname, '..', '..', '..', 'examples', 'rmm', 'remote-desktop-software.kql');

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const output: Output = { out: (text) => (out += text), err: (text) => (err += text), interactive: false };
  const code = previewCommand(args, output);
  return { code, out, err };
}

test('the seed previewed in the terminal: funnel, families, flags and rows', () => {
  const { code, out, err } = run([SEED, '--unmatched', '--max-rows', '3']);
  assert.equal(code, 0);
  assert.equal(err, '');
  assert.match(out, /^remote-desktop-software\.kql on 29 DeviceProcessEvents {2}\(spec remote-desktop-software\.test\.yaml\)$/m);
  assert.match(out, /now\(\) = 2026-11-20T12:00:00\.0000000Z {2}\(pinned by the test spec\)/);
  assert.match(out, /^ +29 {2}events scanned\n +-1 {2}where Timestamp > ago\(24h\) {3}\(line 20, 28 left\)\n +-19 {2}where FileName has_any \(RMMTools\) {3}\(line 21, 9 left\)\n +9 {2}matched$/m);
  assert.match(out, /^Matches per ToolFamily\n {2}AnyDesk +2 +█+$/m);
  assert.match(out, /^Flags \(rows where true\)\n {2}SuspiciousParent +6 of 9\n {2}FromTempPath +2 of 9\n {2}IsPortable +4 of 9$/m);
  assert.match(out, /^Rows \(9, first 3\)\n {2}ToolFamily {2}SuspiciousParent {2}FromTempPath {2}IsPortable {2}Timestamp/m);
  assert.match(out, /^Not matched \(20\), by the clause that dropped each$/m);
  assert.match(out, /near-misses\.jsonl:1 {2}AnyDesk \(1\)\.exe {2}← where FileName has_any \(RMMTools\)$/m);
});

test('bad arguments are usage errors', () => {
  assert.throws(() => run([]), /preview needs a detection file/);
  assert.throws(() => run([SEED, '--now', 'yesterday']), /--now must be an ISO 8601 datetime/);
});
