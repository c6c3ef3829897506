// Query blocks as Kusto Explorer splits a script: at blank lines, comment-only blocks skipped.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namesMentioned, queryBlocks } from '../../../server/src/preview';

function check(text: string, expected: string[]) {
  assert.deepEqual(
    queryBlocks(text).map((b) => text.slice(b.start, b.end)),
    expected,
  );
  for (const block of queryBlocks(text)) assert.equal(block.text, text.slice(block.start, block.end));
}

test('blocks split at blank lines, keep their comments, and skip comment-only blocks', () => {
  check('T | take 1\n\n  \n// only a comment\n\nlet x = 1;\nU | where a == x\n', ['T | take 1', 'let x = 1;\nU | where a == x']);
  check('// header\nT\n| count', ['// header\nT\n| count']);
  check('', []);
  check('\n\n// c\n', []);
});

test('tables mentioned outside comments and strings', () => {
  const known = new Set(['DeviceProcessEvents', 'DeviceFileEvents', 'SigninLogs']);
  assert.deepEqual(namesMentioned('// DeviceFileEvents\nDeviceProcessEvents | where x == "SigninLogs" and y has \'SigninLogs\'', known), ['DeviceProcessEvents']);
  assert.deepEqual(namesMentioned('union DeviceFileEvents, DeviceProcessEvents', known), ['DeviceFileEvents', 'DeviceProcessEvents']);
});
