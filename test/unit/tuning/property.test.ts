// Property: every exclusion offered for the example's false positives, applied to the seed, and one
// of each kind applied to a sample of corpus queries that read DeviceProcessEvents, re-analyses with
// no new errors, and applying it a second time changes nothing.
// Corpus queries are third-party (MIT / BSD-3-Clause / Apache-2.0, see data/kql-corpus/README.md).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import { exclusionEdit, proposeExclusions, type Exclusion, type TuningEvent } from '../../../server/src/tuning/index';
import { environment } from './helpers';

const CORPUS = 'data/kql-corpus/queries.jsonl';
const COLUMNS = new Set(environment.tables.find((t) => t.name === 'DeviceProcessEvents')!.columns.map((c) => c.name));

/** The example's benign events, plus an MSP agent with a company name: every kind gets offered. */
const EVENTS: TuningEvent[] = [
  ...readFileSync('examples/rmm/events/benign-fp.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ table: 'DeviceProcessEvents', fields: Object.fromEntries(Object.entries(JSON.parse(line) as Record<string, unknown>).map(([k, v]) => [k, String(v)])) })),
  { table: 'DeviceProcessEvents', fields: { FileName: 'agent.exe', InitiatingProcessFileName: 'ltsvc.exe', ProcessVersionInfoCompanyName: 'ConnectWise, LLC', AccountName: 'msp.admin' } },
];

function errors(text: string): number {
  return analyzeDocument(text, environment).diagnostics.filter((d) => d.severity === 'error').length;
}

const OFFERED = EVENTS.flatMap((event) => proposeExclusions(event, COLUMNS));
/** For the corpus, one exclusion of each kind: where the edit goes depends on the kind, not the value. */
const ONE_PER_KIND = [...new Map(OFFERED.map((e) => [e.kind, e])).values()];

/** Applies each of `exclusions` to `text`; returns how many edits were made. */
function checkAll(name: string, text: string, exclusions: readonly Exclusion[]): number {
  const before = errors(text);
  let applied = 0;
  for (const exclusion of exclusions) {
    const once = exclusionEdit(text, exclusion, environment);
    if (!('text' in once)) continue;
    assert.ok(errors(once.text) <= before, `${name}: ${exclusion.kind}=${exclusion.value} adds errors`);
    assert.deepEqual(exclusionEdit(once.text, exclusion, environment), { unchanged: true }, `${name}: ${exclusion.kind} is not idempotent`);
    applied++;
  }
  return applied;
}

test('every exclusion offered applies cleanly to the seed, and only once', () => {
  const applied = checkAll('seed', readFileSync('examples/rmm/remote-desktop-software.kql', 'utf8'), OFFERED);
  // 19: with the scoped kinds, each of the three Program Files tools also gets its folder on its
  // device, and the two specific parents (SRService.exe, CcmExec.exe) their command line.
  assert.equal(applied, 19);
});

test('every kind of exclusion applies cleanly to corpus queries reading DeviceProcessEvents', () => {
  const queries = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; query: string })
    .filter((q) => /\bDeviceProcessEvents\b/.test(q.query));
  const stride = Math.max(1, Math.floor(queries.length / 10));
  let applied = 0;
  for (let i = 0; i < queries.length; i += stride) applied += checkAll(queries[i].id, queries[i].query, ONE_PER_KIND);
  assert.ok(applied > 20, `only ${applied} edits applied`);
});
