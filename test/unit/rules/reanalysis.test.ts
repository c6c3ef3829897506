// Re-linting after edits, as the server does on every keystroke. The rules keep answers across
// documents (per list content, per classifier query, per catalog name); what they report must
// still follow the current text exactly: the same findings after an unrelated edit, and changed
// findings as soon as the list or the classifier they depend on changes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lintDocument } from '../../../server/src/rules/lint';
import { environment } from './ruleTester';

const seed = readFileSync('examples/rmm/remote-desktop-software.kql', 'utf8');

/** Each rule finding as `code: 'text at its span': message`, in order. */
function ruleFindings(text: string): string[] {
  return lintDocument(text, environment)
    .findings.filter((f) => f.source === 'kql-detect')
    .map((f) => `${f.code}: ${text.slice(f.start, f.end)}: ${f.message}`);
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the text has no ${from}`);
  return text.replace(from, to);
}

const original = ruleFindings(seed);

test('an edit elsewhere (moving every later offset) leaves the findings as they were', () => {
  const typed = replaceOnce(seed, '| where FileName has_any (RMMTools)\n', '| where FileName has_any (RMMTools)\n| where AccountName != "svc"\n');
  assert.deepEqual(ruleFindings(typed), original);
  assert.deepEqual(ruleFindings(seed), original);
});

test('an edit of the classifier is evaluated again: the entry it now labels no longer falls through', () => {
  const fallsThrough = (text: string) => ruleFindings(text).some((f) => f.startsWith('classifier-fallthrough: "vncviewer.exe"'));
  assert.ok(fallsThrough(seed));
  const fixed = replaceOnce(seed, 'FileName has_any ("vnc", ', 'FileName has_any ("vnc", "vncviewer.exe", ');
  assert.ok(!fallsThrough(fixed));
  assert.ok(fallsThrough(seed), 'undoing the edit brings the finding back');
});

test('an edit of the list is matched again: a binary added to it is no longer missing', () => {
  const teamViewerGap = (text: string) => ruleFindings(text).find((f) => f.startsWith('rmm-missing-binary: "teamviewer.exe"')) ?? '';
  assert.match(teamViewerGap(seed), /teamviewer_desktop\.exe/);
  const added = replaceOnce(seed, '"teamviewer.exe", ', '"teamviewer.exe", "teamviewer_desktop.exe", ');
  assert.doesNotMatch(teamViewerGap(added), /teamviewer_desktop\.exe/);
  assert.match(teamViewerGap(seed), /teamviewer_desktop\.exe/, 'undoing the edit brings the gap back');
});
