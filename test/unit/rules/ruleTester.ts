// A rule tester in the style of ESLint's: valid and invalid cases, where ⟦…⟧ marks each expected
// finding's exact span in the query, and each invalid case may state the text after its fix.

import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import type { Environment } from '../../../server/src/kusto/globals';
import { applyEdits } from '../../../server/src/rules/edits';
import { fixesFor, lintDocument, type Finding, type LintOptions } from '../../../server/src/rules/lint';

const processColumns = [
  'Timestamp:datetime', 'DeviceName:string', 'AccountName:string', 'FileName:string', 'FolderPath:string', 'ProcessCommandLine:string',
  'ProcessVersionInfoOriginalFileName:string', 'InitiatingProcessFileName:string', 'InitiatingProcessCommandLine:string', 'InitiatingProcessParentFileName:string', 'ProcessCreationTime:datetime', 'DeviceId:string', 'ProcessId:long',
];

/** Enough of the Defender schema for detections over process events. */
export const environment: Environment = {
  tables: [{ name: 'DeviceProcessEvents', columns: processColumns.map((c) => ({ name: c.split(':')[0], type: c.split(':')[1] })) }],
  openTables: ['imProcessCreate'],
  functions: [],
};

export interface InvalidCase {
  /** The query, with every expected finding's span marked ⟦like this⟧. */
  code: string;
  /** The message id of each marked finding, in text order (one id applies to all). */
  messageId: string | string[];
  /** A fragment every message contains. */
  messageIncludes?: string;
  /** The text after applying the fix (the preferred one, or the one with this title) to the first finding. */
  output?: string;
  fixTitle?: string | RegExp;
  options?: LintOptions;
}

export interface Cases {
  valid: (string | { code: string; options?: LintOptions })[];
  invalid: InvalidCase[];
}

/** Splits ⟦…⟧ markers from `marked`: the plain text and the marked spans. */
export function parseMarkers(marked: string): { text: string; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') {
      spans.push({ start: open, end: text.length });
      open = -1;
    } else text += ch;
  }
  return { text, spans };
}

export function findingsOf(ruleId: string, text: string, options?: LintOptions): Finding[] {
  return lintDocument(text, environment, options).findings.filter((f) => f.code === ruleId);
}

function errorCount(text: string): number {
  return analyzeDocument(text, environment).diagnostics.filter((d) => d.severity === 'error').length;
}

/** Applies `finding`'s chosen fix; checks it parses cleanly and that applying it again is a no-op. */
export function applyFix(text: string, finding: Finding, title?: string | RegExp): string {
  const fixes = fixesFor(text, finding, environment);
  const fix = title === undefined ? (fixes.find((f) => f.isPreferred) ?? fixes[0]) : fixes.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `no fix ${title ?? ''} among: ${fixes.map((f) => f.title).join(' | ')}`);
  const output = applyEdits(text, fix.edits);
  assert.ok(errorCount(output) <= errorCount(text), `the fix introduced errors:\n${output}`);
  const again = fixesFor(output, finding, environment).find((f) => f.title === fix.title);
  if (again) assert.equal(applyEdits(output, again.edits), output, 'applying the fix twice changed the text again');
  return output;
}

export function checkRule(ruleId: string, cases: Cases): void {
  for (const valid of cases.valid) {
    const { code, options } = typeof valid === 'string' ? { code: valid, options: undefined } : valid;
    const found = findingsOf(ruleId, code, options);
    assert.deepEqual(found.map((f) => code.slice(f.start, f.end)), [], `expected no ${ruleId} findings in:\n${code}`);
  }
  for (const invalid of cases.invalid) {
    const { text, spans } = parseMarkers(invalid.code);
    const found = findingsOf(ruleId, text, invalid.options);
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      spans.map((s) => text.slice(s.start, s.end)),
      `spans of ${ruleId} in:\n${text}\nmessages: ${found.map((f) => f.message).join('\n')}`,
    );
    assert.deepEqual(found.map((f) => [f.start, f.end]), spans.map((s) => [s.start, s.end]));
    const ids = Array.isArray(invalid.messageId) ? invalid.messageId : spans.map(() => invalid.messageId as string);
    assert.deepEqual(found.map((f) => f.messageId), ids);
    for (const f of found) {
      assert.equal(f.source, 'kql-detect');
      if (invalid.messageIncludes) assert.ok(f.message.includes(invalid.messageIncludes), f.message);
    }
    if (invalid.output !== undefined) assert.equal(applyFix(text, found[0], invalid.fixTitle), invalid.output);
  }
}
