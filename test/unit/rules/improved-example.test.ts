// The improved example: the tuned detection with the rules' quick fixes (and the one exclusion the
// wider list needs), as scripts/improve-example.ts writes it, and what its spec says it catches.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { environmentFor } from '../../../server/src/kusto/environment';
import { lintDocument } from '../../../server/src/rules/lint';
import { fileSpecHost } from '../../../server/src/testing/fileHost';
import { runSpecFile } from '../../../server/src/testing/run';
import { IMPROVED, improveExample } from '../../../scripts/improve-example';

const SPEC = 'examples/rmm/remote-desktop-software.improved.test.yaml';

test('the committed improved detection is what the quick fixes and the tuning action write', () => {
  const { text, applied } = improveExample();
  assert.equal(text, readFileSync(IMPROVED, 'utf8'), 'run: npx tsx scripts/improve-example.ts');
  assert.ok(applied.includes('rmm-uncovered-family: Add the 5 most common uncovered families'), applied.join('\n'));
  assert.deepEqual(
    applied.filter((title) => title.startsWith('tuning: ')),
    ['tuning: Exclude the tool installed in C:\\Program Files (x86)\\Splashtop\\Splashtop Remote\\Server\\ on srv-app-11.contoso.local (removes 1 of 13 alerts; keeps all 13 true positives; silences 0 of 389 attack variants)'],
  );
});

test('it lints without errors; what remains is what its spec header explains', () => {
  const findings = lintDocument(readFileSync(IMPROVED, 'utf8'), environmentFor('defender')).findings;
  assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
  const count = (code: string) => findings.filter((f) => f.code === code).length;
  assert.deepEqual(
    { fallthrough: count('classifier-fallthrough'), unknown: count('rmm-unknown-binary'), uncovered: count('rmm-uncovered-family'), unboundedSort: count('unbounded-sort'), all: findings.length },
    // The one cost finding: the alerts are sorted and not cut, which a detection's output may well be.
    { fallthrough: 1, unknown: 11, uncovered: 1, unboundedSort: 1, all: 14 },
  );
});

test('its spec passes every case with no known gap: the near misses, the true positives and the silenced false positives', () => {
  const result = runSpecFile(SPEC, fileSpecHost);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(
    result.cases.filter((c) => c.outcome !== 'pass').map((c) => [c.name, c.outcome, c.messages]),
    [],
  );
  assert.equal(result.cases.filter((c) => c.tags.includes('near-miss')).length, 7);
  assert.equal(result.cases.filter((c) => c.tags.includes('fp')).length, 5);
});
