import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewModel } from '../../../server/src/protocol/preview';
import { fixtureUri, kqlDetect, serverReady, withTimeout } from './kql';

/** Copies the repository's example (examples/rmm) into the test workspace and opens its detection. */
async function openExample(): Promise<vscode.TextDocument> {
  const target = fixtureUri('rmm');
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(kqlDetect().extensionUri, 'examples', 'rmm'), target, { overwrite: true });
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(target, 'remote-desktop-software.kql'));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Runs the preview command (it settles once the panel shows a model), then reads what the panel was sent. */
async function preview(...args: unknown[]): Promise<PreviewModel> {
  await withTimeout(Promise.resolve(vscode.commands.executeCommand('kqlDetect.preview', ...args)), 'the preview to run');
  const model = await vscode.commands.executeCommand<PreviewModel | undefined>('kqlDetect.test.previewModel');
  assert.ok(model, 'the panel received a model');
  return model;
}

describe('preview in the real extension host', () => {
  before(serverReady);

  it('previews the example on its sample events', async () => {
    const document = await openExample();
    const model = await preview();
    assert.equal(model.detection, document.uri.fsPath);
    assert.equal(model.events.origin, 'spec');
    assert.deepEqual(model.now, { iso: '2026-11-20T12:00:00.0000000Z', origin: 'spec' });
    assert.deepEqual(model.totals, { scanned: 29, matched: 9, dropped: 20 });
    assert.deepEqual(
      model.funnel.map((step) => [step.predicate.text, step.dropped]),
      [
        ['Timestamp > ago(24h)', 1],
        ['FileName has_any (RMMTools)', 19],
      ],
    );
    const family = model.columns.findIndex((c) => c.name === 'ToolFamily');
    const fileName = model.columns.findIndex((c) => c.name === 'FileName');
    assert.equal(model.rows.find((row) => row.cells[fileName] === 'vncviewer.exe')?.cells[family], 'Other');
    assert.deepEqual(model.flags, ['SuspiciousParent', 'FromTempPath', 'IsPortable']);
  });

  it('shows the counts in a CodeLens that runs the preview', async () => {
    const document = await openExample();
    const lenses = await withTimeout(Promise.resolve(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)), 'the CodeLens');
    const lens = lenses.find((l) => l.command?.command === 'kqlDetect.preview');
    assert.equal(lens?.command?.title, '▶ Preview — 9 matches in 29 events');
    const model = await preview(...(lens?.command?.arguments ?? []));
    assert.equal(model.totals.matched, 9);
  });

  it('follows an edit of the detection', async () => {
    const document = await openExample();
    const clause = '| where FileName has_any (RMMTools)';
    const at = document.getText().indexOf(clause) + clause.length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(at), ' and FileName != "AnyDesk.exe"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const model = await preview();
    assert.equal(model.totals.matched, 7);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows hostile event fields as they are', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('hostile/hostile.kql'));
    await vscode.window.showTextDocument(document);
    const model = await preview();
    assert.equal(model.totals.matched, 2);
    const fileName = model.columns.findIndex((c) => c.name === 'FileName');
    assert.ok(model.rows.some((row) => row.cells[fileName] === '<img src=x onerror="window.__pwned=1"> anydesk.exe'));
  });
});
