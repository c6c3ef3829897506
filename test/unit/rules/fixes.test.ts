// Property: every quick fix, for every finding on the seed and on a sample of the corpus, yields
// text with no new parse errors, and applying it a second time changes nothing.
// Corpus queries are third-party (MIT / BSD-3-Clause / Apache-2.0, see data/kql-corpus/README.md).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import { applyEdits } from '../../../server/src/rules/edits';
import { fixesFor, lintDocument } from '../../../server/src/rules/lint';
import { environment } from './ruleTester';

const CORPUS = 'data/kql-corpus/queries.jsonl';

function errors(text: string): number {
  return analyzeDocument(text, environment).diagnostics.filter((d) => d.severity === 'error').length;
}

/** Checks every fix of every rule finding in `text`; returns how many fixes were checked. */
function checkAllFixes(name: string, text: string): number {
  let checked = 0;
  const before = errors(text);
  for (const finding of lintDocument(text, environment).findings) {
    if (finding.source !== 'kql-detect') continue;
    for (const fix of fixesFor(text, finding, environment)) {
      const once = applyEdits(text, fix.edits);
      assert.ok(errors(once) <= before, `${name}: "${fix.title}" (${finding.code}) adds parse errors`);
      const again = fixesFor(once, finding, environment).find((f) => f.title === fix.title);
      if (again) assert.equal(applyEdits(once, again.edits), once, `${name}: "${fix.title}" is not idempotent`);
      checked++;
    }
  }
  return checked;
}

test('every fix on the seed parses and is idempotent', () => {
  const checked = checkAllFixes('seed', readFileSync('examples/rmm/remote-desktop-software.kql', 'utf8'));
  assert.ok(checked >= 40, `only ${checked} fixes checked`);
});

test('every fix on corpus queries with rule findings parses and is idempotent', () => {
  const queries = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; query: string })
    // Only queries that mention an RMM tool or hold a list can get rule findings: keep the test fast.
    .filter((q) => /anydesk|teamviewer|screenconnect|rmm|vnc|dynamic\(\[/i.test(q.query));
  let checked = 0;
  for (const q of queries.slice(0, 60)) checked += checkAllFixes(q.id, q.query);
  assert.ok(checked > 0);
});
