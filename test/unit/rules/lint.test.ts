// The pipeline around the rules: suppression comments, per-rule settings, the scope and the extra catalog.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintDocument, type LintOptions } from '../../../server/src/rules/lint';
import { environment } from './ruleTester';

const detection = [
  'let RMMTools = dynamic(["teamviewer.exe", "anydesk.exe", "AnyDesk.exe"]);',
  'DeviceProcessEvents',
  '| where FileName in~ (RMMTools)',
].join('\n');

function codes(text: string, options?: LintOptions): string[] {
  return lintDocument(text, environment, options).findings.map((f) => f.code);
}

test('rule findings carry the rule id, source, message id, doc and data', () => {
  const duplicate = lintDocument(detection, environment).findings.find((f) => f.code === 'duplicate-list-entry')!;
  assert.equal(duplicate.source, 'kql-detect');
  assert.equal(duplicate.severity, 'warning');
  assert.equal(duplicate.messageId, 'duplicate');
  assert.equal(duplicate.docs, 'docs/rules/duplicate-list-entry.md');
  assert.deepEqual(duplicate.data, { list: 'let:RMMTools', value: 'AnyDesk.exe' });
});

test('disable-next-line suppresses the named rules on the next line only', () => {
  const text = '// kql-detect-disable-next-line duplicate-list-entry, rmm-missing-binary\n' + detection;
  assert.deepEqual(codes(text).filter((c) => c === 'duplicate-list-entry' || c === 'rmm-missing-binary'), []);
  assert.ok(codes(text).includes('rmm-uncovered-family'));
  const twoLinesAbove = '// kql-detect-disable-next-line duplicate-list-entry\n\n' + detection;
  assert.ok(codes(twoLinesAbove).includes('duplicate-list-entry'));
});

test('disable suppresses a rule from the comment to the end of the file', () => {
  const text = detection + '\n// kql-detect-disable duplicate-list-entry\n';
  assert.ok(codes(text).includes('duplicate-list-entry'), 'findings before the comment stay');
  assert.ok(!codes('// kql-detect-disable duplicate-list-entry\n' + detection).includes('duplicate-list-entry'));
  assert.deepEqual(codes('// kql-detect-disable\n' + detection).filter((c) => !c.startsWith('KS')), []);
});

test('disable-line suppresses a rule on the comment\'s own line; disable-file in the whole file', () => {
  const lines = detection.split('\n');
  const trailing = [lines[0] + ' // kql-detect-disable-line duplicate-list-entry', ...lines.slice(1)].join('\n');
  assert.ok(!codes(trailing).includes('duplicate-list-entry'));
  assert.ok(codes(trailing).includes('rmm-uncovered-family'), 'other rules on the line stay');
  const lineAbove = '// kql-detect-disable-line duplicate-list-entry\n' + detection;
  assert.ok(codes(lineAbove).includes('duplicate-list-entry'), 'only the comment\'s own line');
  const atTheEnd = detection + '\n// kql-detect-disable-file duplicate-list-entry\n';
  assert.ok(!codes(atTheEnd).includes('duplicate-list-entry'));
  assert.ok(codes(atTheEnd).includes('rmm-uncovered-family'));
  assert.deepEqual(codes(detection + '\n// kql-detect-disable-file\n').filter((c) => !c.startsWith('KS')), []);
});

test('settings turn rules off and change their severity', () => {
  const options: LintOptions = { rules: { 'duplicate-list-entry': 'off', 'rmm-missing-binary': 'error' } };
  const findings = lintDocument(detection, environment, options).findings;
  assert.ok(!findings.some((f) => f.code === 'duplicate-list-entry'));
  assert.ok(findings.filter((f) => f.code === 'rmm-missing-binary').every((f) => f.severity === 'error'));
});

test('the scope decides which families count as uncovered', () => {
  const scoped = lintDocument(detection, environment, { catalog: { families: ['anydesk', 'teamviewer'] } }).findings;
  assert.ok(!scoped.some((f) => f.code === 'rmm-uncovered-family'));
  const tunnels = lintDocument(detection, environment, { catalog: { includeCategories: ['tunnel'] } }).findings.find((f) => f.code === 'rmm-uncovered-family');
  assert.match(tunnels!.message, /ngrok/);
});

test('an extra catalog teaches the rules in-house names', () => {
  const text = 'let RMMTools = dynamic(["anydesk.exe", "teamviewer.exe", "ihremote.exe"]);\nDeviceProcessEvents\n| where FileName in~ (RMMTools)';
  assert.ok(codes(text).includes('rmm-unknown-binary'));
  const extra = { families: [{ id: 'inhouse', name: 'In-house Remote', binaries: ['ihremote.exe'] }] };
  assert.ok(!codes(text, { catalog: { extra } }).includes('rmm-unknown-binary'));
  const malformed = lintDocument(text, environment, { catalog: { extra: { families: [{ name: 'no id' }] } } });
  assert.deepEqual(malformed.catalogProblems, [{ message: 'families[0]: a family needs a string "id".' }]);
});

test('queries unrelated to RMM get no detection-rule findings, only the query-cost ones', () => {
  const text = [
    'let Parents = dynamic(["powershell.exe", "pwsh.exe", "cmd.exe", "wscript.exe", "cscript.exe"]);',
    'DeviceProcessEvents',
    '| where InitiatingProcessFileName in~ (Parents)',
    '| extend Kind = case(FileName has "net", "Net", FileName has "sc", "Service", "Other")',
  ].join('\n');
  assert.deepEqual(codes(text), ['missing-time-filter', 'no-reduction', 'short-term-needle']);
});
