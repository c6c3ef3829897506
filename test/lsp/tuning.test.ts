// Tuning over LSP: the preview's "Exclude…" requests (proposals with impact, the edit of the
// current text), and the light bulb's exclusions resolved statelessly. Build first:
// `npm run test:lsp` does.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PreviewEvent, PreviewResult } from '../../server/src/protocol/preview';
import type { ExclusionEditResult, FalsePositiveActionData, ProposeExclusionsResult } from '../../server/src/protocol/tuning';
import { REPO_ROOT, TestClient } from './client';

const SEED_PATH = join(REPO_ROOT, 'examples', 'rmm', 'remote-desktop-software.kql');
const SEED_URI = pathToFileURL(SEED_PATH).href;
const SEED = readFileSync(SEED_PATH, 'utf8');
const INVOKED = 1;
const AUTOMATIC = 2;

let client: TestClient;

before(async () => {
  client = await TestClient.start();
  client.open(SEED_URI, SEED);
});

after(async () => {
  await client.stop();
});

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'kql', 1, text), edits);
}

async function previewRows(): Promise<{ reportIds: string[]; event: (id: string) => PreviewEvent }> {
  const result = await client.request<PreviewResult>('kqlDetect/preview', { textDocument: { uri: SEED_URI } });
  assert.ok('model' in result, JSON.stringify(result));
  const events = result.model.rows.map((row) => row.event!);
  const reportId = (event: PreviewEvent) => event.fields.find((f) => f.name === 'ReportId')!.value;
  return { reportIds: events.map(reportId).sort(), event: (id) => events.find((e) => reportId(e) === id)! };
}

test("the preview's Exclude: proposals with impact, then the edit, and the row is gone", async () => {
  const before = await previewRows();
  assert.deepEqual(before.reportIds, ['101', '102', '105', '108', '112', '203', '301', '303', '304']);

  const proposed = await client.request<ProposeExclusionsResult>('kqlDetect/proposeExclusions', { textDocument: { uri: SEED_URI }, event: before.event('301') });
  assert.ok('proposals' in proposed, JSON.stringify(proposed));
  const [best] = proposed.proposals;
  assert.deepEqual(best.exclusion, {
    kind: 'device-path',
    table: 'DeviceProcessEvents',
    value: 'C:\\Program Files\\TeamViewer\\',
    qualifier: 'helpdesk-02.contoso.local',
    comment: 'TeamViewer.exe on helpdesk-02.contoso.local',
  });
  assert.equal(best.preferred, true);
  assert.ok(best.impact.variantsChecked > 50, String(best.impact.variantsChecked));
  assert.deepEqual(
    { ...best.impact, problems: best.impact.problems.length, variantsChecked: 0 },
    {
      sampleRows: 9,
      removedRows: 1,
      removesSelected: true,
      truePositives: 6,
      truePositivesLost: [],
      falsePositivesSilenced: ["FP: helpdesk technician's approved TeamViewer, from Program Files"],
      variantsChecked: 0,
      variantsSilenced: [],
      scope: 'device helpdesk-02.contoso.local',
      problems: 0,
    },
  );
  // The fleet-wide folder is offered too, with the attack variants it would silence.
  const fleet = proposed.proposals.find((p) => p.exclusion.kind === 'tool-path')!;
  assert.equal(fleet.impact.scope, 'fleet');
  assert.ok(fleet.impact.variantsSilenced.includes('catalog TeamViewer: teamviewer.exe in C:\\Program Files\\TeamViewer\\'), fleet.impact.variantsSilenced.join('\n'));

  const edit = await client.request<ExclusionEditResult>('kqlDetect/exclusionEdit', { textDocument: { uri: SEED_URI }, exclusion: { ...best.exclusion, comment: 'INC-1042' } });
  assert.ok('edits' in edit, JSON.stringify(edit));
  const tuned = apply(SEED, edit.edits);
  assert.match(tuned, /\| where not\(DeviceName =~ "helpdesk-02\.contoso\.local" and FolderPath startswith @"C:\\Program Files\\TeamViewer\\" {2}\/\/ INC-1042\n {2}\)\n/);
  client.change(SEED_URI, tuned);
  const afterRows = await previewRows();
  assert.deepEqual(afterRows.reportIds, ['101', '102', '105', '108', '112', '203', '303', '304']);

  // The same exclusion again changes nothing.
  assert.deepEqual(await client.request('kqlDetect/exclusionEdit', { textDocument: { uri: SEED_URI }, exclusion: best.exclusion }), { unchanged: true });
  client.change(SEED_URI, SEED);
});

test('the light bulb answers at once, one action per documented false positive; resolve measures in the worker and computes the edit', async () => {
  const range = { start: { line: 20, character: 2 }, end: { line: 20, character: 2 } };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: SEED_URI }, range, context: { diagnostics: [], triggerKind: INVOKED } });
  const tuning = actions.filter((a) => (a.data as FalsePositiveActionData | undefined)?.tuning === 'false-positive');
  assert.deepEqual(
    tuning.map((a) => (a.data as FalsePositiveActionData).caseName),
    [
      "FP: helpdesk technician's approved TeamViewer, from Program Files",
      "FP: MSP's Splashtop Streamer service",
      'FP: pre-installed Chrome Remote Desktop host',
      'FP: SCCM deploying the approved AnyDesk',
      'ordinary background processes never alert',
    ],
  );
  assert.ok(tuning.every((a) => a.edit === undefined && !a.isPreferred), 'nothing is measured before resolve');

  const sccm = tuning.find((a) => (a.data as FalsePositiveActionData).caseName === 'FP: SCCM deploying the approved AnyDesk')!;
  const resolved = await client.request<CodeAction>('codeAction/resolve', sccm);
  const tuned = apply(SEED, resolved.edit!.changes![SEED_URI]);
  assert.match(tuned, /\| where not\(InitiatingProcessFolderPath =~ @"c:\\windows\\ccm\\ccmexec\.exe" and ProcessCommandLine == @"""C:\\Windows\\ccmcache\\1f\\AnyDesk\.exe"" --install [^\n]*\n {2}\)\n\| extend SuspiciousParent/);
  const [applied] = (resolved.data as FalsePositiveActionData).applied!;
  assert.deepEqual([applied.impact.truePositivesLost, applied.impact.variantsSilenced], [[], []]);
  assert.ok(applied.impact.variantsChecked > 50);

  // Resolved again against the edited text, the same action changes nothing: the case is silent.
  client.change(SEED_URI, tuned);
  const again = await client.request<CodeAction>('codeAction/resolve', sccm);
  assert.deepEqual(again.edit!.changes![SEED_URI], []);
  client.change(SEED_URI, SEED);
});

test('no tuning actions on automatic requests (cursor moves): measuring them runs the tests', async () => {
  const range = { start: { line: 20, character: 2 }, end: { line: 20, character: 2 } };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: SEED_URI }, range, context: { diagnostics: [], triggerKind: AUTOMATIC } });
  assert.deepEqual(actions.filter((a) => (a.data as { tuning?: string } | undefined)?.tuning), []);
});
