// The seed example, tuned by the actions themselves: the light bulb's known false positives, the
// preferred exclusion for each (one alert removed, every true positive kept), a force variant
// that names the true positives it would lose, and the committed tuned detection reproduced.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { environmentFor } from '../../../server/src/kusto/environment';
import { fileHost } from '../../../server/src/preview/fileHost';
import { fileSpecHost } from '../../../server/src/testing/fileHost';
import { loadSpec } from '../../../server/src/testing/load';
import { runSpecFile, specFailed } from '../../../server/src/testing/run';
import { exclusionEdit, knownFalsePositives, measureBaseline, rankedProposals, TestBench, type ImpactSources, type KnownFalsePositive } from '../../../server/src/tuning/index';

const SEED = 'examples/rmm/remote-desktop-software.kql';
const SPEC = 'examples/rmm/remote-desktop-software.test.yaml';
const TUNED = 'examples/rmm/remote-desktop-software.tuned.kql';
const TUNED_SPEC = 'examples/rmm/remote-desktop-software.tuned.test.yaml';

const environment = environmentFor('defender');
const seed = readFileSync(SEED, 'utf8');
let sources: ImpactSources;
let falsePositives: KnownFalsePositive[];

before(() => {
  const spec = loadSpec(readFileSync(SPEC, 'utf8'), SPEC).spec!;
  const files = spec.tables.get('DeviceProcessEvents')!.files!.map((file) => `examples/rmm/${file}`);
  const schema = environment.tables.find((t) => t.name === 'DeviceProcessEvents')!.columns.map((c) => ({ name: c.name, type: c.type as 'string' }));
  const provider = fileHost.loadEvents([{ table: 'DeviceProcessEvents', files, schema }]);
  sources = { environment, sample: { provider, now: spec.now }, tests: new TestBench(spec, fileSpecHost, environmentFor(spec.schema)) };
  falsePositives = knownFalsePositives(seed, sources.tests!);
});

test('the tests know three false positives the seed alerts on', () => {
  assert.deepEqual(
    falsePositives.map((fp) => fp.caseName),
    ["FP: helpdesk technician's approved TeamViewer, from Program Files", 'FP: pre-installed Chrome Remote Desktop host', 'FP: SCCM deploying the approved AnyDesk'],
  );
});

test('for each, the preferred exclusion removes that one alert and keeps every true positive', () => {
  const baseline = measureBaseline(seed, sources);
  const preferred = falsePositives.map((fp) => {
    const proposals = rankedProposals(seed, fp.event, sources, { baseline });
    const best = proposals.find((p) => p.preferred)!;
    assert.equal(best, proposals[0]);
    assert.equal(best.impact.removed.length, 1);
    assert.equal(best.impact.sampleRows, 9);
    assert.equal(best.impact.truePositives, 6);
    assert.deepEqual(best.impact.truePositivesLost, []);
    assert.deepEqual(best.impact.falsePositivesSilenced, [fp.caseName]);
    assert.equal(proposals.filter((p) => p.preferred).length, 1);
    return `${best.exclusion.kind}=${best.exclusion.value}`;
  });
  assert.deepEqual(preferred, ['tool-path=C:\\Program Files\\TeamViewer\\', 'tool-path=C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\', 'deployment=AnyDesk.exe']);
});

test('excluding a true positive is only offered as a force variant that names what it loses', () => {
  const teamViewerTp = {
    table: 'DeviceProcessEvents',
    fields: { FileName: 'TeamViewer.exe', FolderPath: 'C:\\Program Files (x86)\\TeamViewer\\TeamViewer.exe', DeviceName: 'ws-fin-07.contoso.local', AccountName: 'jdoe', InitiatingProcessFileName: 'powershell.exe' },
  };
  const proposals = rankedProposals(seed, teamViewerTp, sources);
  assert.ok(proposals.length > 0);
  for (const proposal of proposals) {
    assert.equal(proposal.force, true);
    assert.equal(proposal.preferred, false);
    assert.ok(proposal.impact.truePositivesLost.includes('TeamViewer started by PowerShell (Atomic T1219-1)'), proposal.title);
    assert.match(proposal.title, /^Force: .*LOSES \d+ of 6 true positives \("TeamViewer started by PowerShell/);
  }
});

test('the committed tuned detection is what the preferred actions write into the seed', () => {
  let text = seed;
  for (const fp of falsePositives) {
    const [best] = rankedProposals(text, fp.event, { ...sources, sample: undefined });
    const reason = fp.caseName.replace(/^FP: /, '');
    const edit = exclusionEdit(text, { ...best.exclusion, comment: `${best.exclusion.comment}: ${reason}` }, environment);
    assert.ok('text' in edit);
    text = edit.text;
  }
  assert.equal(text, readFileSync(TUNED, 'utf8'));
});

test("the tuned detection's spec passes: every true positive kept, every documented false positive silent", () => {
  const result = runSpecFile(TUNED_SPEC, fileSpecHost);
  assert.equal(specFailed(result), false, JSON.stringify(result.cases.filter((c) => c.outcome !== 'pass' && c.outcome !== 'known-gap').map((c) => [c.name, c.messages, c.problems])));
  const outcome = (name: string) => result.cases.find((c) => c.name === name)?.outcome;
  for (const c of result.cases.filter((c) => c.tags.includes('fp'))) assert.equal(c.outcome, 'pass', c.name);
  for (const c of result.cases.filter((c) => c.tags.includes('tp') && !c.tags.includes('near-miss'))) assert.equal(c.outcome, 'pass', c.name);
  assert.equal(outcome('FP: SCCM deploying the approved AnyDesk'), 'pass');
});
