// Tuning in the real extension host: the example detection with its events and tests copied into
// the workspace, a false-positive row of its preview excluded through the same flow as the
// preview's "Exclude…" (choosing the preferred proposal), then the document, the preview's rows
// and the true positives checked.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewEvent, PreviewResult } from '../../../server/src/protocol/preview';
import type { ExcludeRowArgs, ProposeExclusionsResult } from '../../../server/src/protocol/tuning';
import { fixtureUri, kqlDetect, serverReady, withTimeout } from './kql';

const TRUE_POSITIVES = ['101', '102', '105', '108', '112'];

function reportId(event: PreviewEvent | undefined): string | undefined {
  return event?.fields.find((field) => field.name === 'ReportId')?.value;
}

describe('tuning in the real extension host', () => {
  let client: LanguageClient;
  let detection: vscode.Uri;

  before(async () => {
    await serverReady();
    client = ((await kqlDetect().activate()) as { languageClient: LanguageClient }).languageClient;
    // The example's detection, spec and events, as a user's workspace holds them.
    const example = vscode.Uri.joinPath(vscode.Uri.file(kqlDetect().extensionPath), 'examples', 'rmm');
    const folder = fixtureUri('tuning-example'); // its own copy: other suites edit theirs
    for (const name of ['remote-desktop-software.kql', 'remote-desktop-software.test.yaml', 'events']) {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(example, name), vscode.Uri.joinPath(folder, name), { overwrite: true });
    }
    detection = vscode.Uri.joinPath(folder, 'remote-desktop-software.kql');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(detection));
  });

  async function previewRows(): Promise<PreviewEvent[]> {
    const result = await withTimeout(client.sendRequest<PreviewResult>('kqlDetect/preview', { textDocument: { uri: detection.toString() } }), 'the preview');
    assert.ok('model' in result, JSON.stringify(result));
    return result.model.rows.map((row) => row.event!);
  }

  it('excludes a false-positive row: the quick pick shows the blast radius, the document changes, the row is gone, every true positive remains', async function () {
    // Measuring runs the tests and the attack variants once per proposal, twice here (the request and the command).
    this.timeout(300_000);
    const before = await previewRows();
    const falsePositive = before.find((event) => reportId(event) === '301');
    assert.ok(falsePositive, `no row for the helpdesk's TeamViewer among ${before.map(reportId).join(', ')}`);
    const original = (await vscode.workspace.openTextDocument(detection)).getText();

    const args: ExcludeRowArgs = { uri: detection.toString(), event: falsePositive };
    // No event timeout here: the test's own timeout bounds the measurement.
    const proposed = await client.sendRequest<ProposeExclusionsResult>('kqlDetect/proposeExclusions', { textDocument: { uri: args.uri }, event: falsePositive });
    assert.ok('proposals' in proposed && proposed.proposals.some((p) => p.preferred), JSON.stringify(proposed));
    // The blast radius the quick pick shows: the preferred silences no attack variant, the fleet-wide folder some.
    const preferred = proposed.proposals.find((p) => p.preferred)!;
    assert.ok(preferred.impact.variantsChecked > 0 && preferred.impact.variantsSilenced.length === 0, JSON.stringify(preferred.impact));
    // Measured on the spec: it keeps every true positive the spec has, not only the preview's rows.
    assert.ok(preferred.impact.truePositives > 0 && preferred.impact.truePositivesLost.length === 0, JSON.stringify(preferred.impact));
    const fleet = proposed.proposals.find((p) => p.exclusion.kind === 'tool-path');
    assert.ok(fleet && fleet.impact.variantsSilenced.length > 0, JSON.stringify(fleet));
    const shown = await vscode.commands.executeCommand<string[]>('kqlDetect.test.tuning.impactLines', proposed.proposals);
    assert.match(shown[proposed.proposals.indexOf(preferred)], new RegExp(`keeps all ${preferred.impact.truePositives} true positives · silences 0 of ${preferred.impact.variantsChecked} attack variants`));
    assert.match(shown[proposed.proposals.indexOf(fleet)], /silences [1-9]\d* of \d+ attack variants: catalog TeamViewer/);
    const outcome = await vscode.commands.executeCommand<{ applied?: { exclusion: { kind: string; value: string } } }>('kqlDetect.test.tuning.excludeRow', args);
    assert.deepEqual(outcome.applied?.exclusion.kind, 'device-path', JSON.stringify(outcome));

    const tuned = (await vscode.workspace.openTextDocument(detection)).getText();
    assert.notEqual(tuned, original);
    assert.match(tuned, /\| where not\(DeviceName =~ "helpdesk-02\.contoso\.local" and FolderPath startswith @"C:\\Program Files\\TeamViewer\\" {2}\/\/ [^\n]*\n {2}\)\n\| extend SuspiciousParent/);

    const after = (await previewRows()).map(reportId);
    assert.ok(!after.includes('301'), `the excluded row is still there: ${after.join(', ')}`);
    assert.equal(after.length, before.length - 1);
    for (const id of TRUE_POSITIVES) assert.ok(after.includes(id), `true positive ${id} is gone: ${after.join(', ')}`);
  });
});
