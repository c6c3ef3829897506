import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveSettingPath } from '../../../server/src/lsp/paths';

test('relative setting paths resolve from the innermost workspace folder holding the document', () => {
  const folders = ['/work', '/work/detections'];
  assert.equal(resolveSettingPath('file:///work/detections/a.kql', 'tables.json', folders), '/work/detections/tables.json');
  assert.equal(resolveSettingPath('file:///work/other/a.kql', 'schemas/t.json', folders), '/work/schemas/t.json');
  assert.equal(resolveSettingPath('file:///elsewhere/a.kql', 't.json', folders), '/work/t.json');
  assert.equal(resolveSettingPath('file:///elsewhere/a.kql', 't.json', []), '/elsewhere/t.json');
  assert.equal(resolveSettingPath('file:///work/a.kql', '/abs/t.json', folders), '/abs/t.json');
});
