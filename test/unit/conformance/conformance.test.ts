// Runs every documented case from data/kql-docs-cases (Microsoft's KQL reference,
// CC BY 4.0 / MIT) through the engine. See test/conformance/run.ts for the report.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadCases } from '../../conformance/cases';
import { loadDocErrors, loadNondeterministic, runConformance, summarize, type ConformanceReport } from '../../conformance/conformance';

const ratchet = JSON.parse(readFileSync(join(__dirname, '..', '..', 'conformance', 'ratchet.json'), 'utf8')) as { pass: number };

describe('conformance with the documented KQL examples', () => {
  let report: ConformanceReport;
  before(async () => {
    report = await runConformance();
  });

  it('gives no wrong answer', () => {
    const wrong = [...report.outcomes].filter(([, o]) => o.outcome === 'wrong').map(([id, o]) => `${id}: ${o.reason}`);
    assert.deepEqual(wrong, [], `wrong cases (see test/conformance/WRONG.md after npm run conformance):\n${wrong.join('\n')}`);
  });

  it('passes at least as many cases as the committed ratchet', () => {
    const { pass } = summarize(report).counts;
    assert.ok(pass >= ratchet.pass, `pass count fell to ${pass}, below the ratchet of ${ratchet.pass}`);
  });

  it('passes every inline true example', () => {
    const failing = report.cases.filter((c) => c.source === 'inline' && report.outcomes.get(c.id)!.outcome !== 'pass').map((c) => `${c.id}: ${report.outcomes.get(c.id)!.reason}`);
    assert.deepEqual(failing, []);
  });
});

describe('conformance bookkeeping', () => {
  it('names only existing cases, each with a reason, in the doc-error and nondeterministic tables', () => {
    const ids = new Set(loadCases().map((c) => c.id));
    for (const [id, reason] of [...Object.entries(loadDocErrors()), ...Object.entries(loadNondeterministic())]) {
      assert.ok(ids.has(id), `unknown case ${id}`);
      assert.ok(reason.length > 10, `${id} needs a reason`);
    }
  });
});
