import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsAfter, errorsIn, fixtureUri, hoverText, labelOf, openWithCursor, serverReady } from './kql';

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('language server in the real extension host', () => {
  before(serverReady);

  it('reports no errors for the seed detection', async () => {
    const uri = fixtureUri('detection.kql');
    // Reopening after the activation test may bring no new diagnostics; then the current ones are the answer.
    const current = vscode.languages.getDiagnostics(uri);
    const diagnostics = current.length > 0 ? current : await diagnosticsAfter(uri, () => open(uri));
    assert.deepEqual(errorsIn(diagnostics).map((d) => d.message), []);
  });

  it('reports exactly one error, on the misspelt column FileNme', async () => {
    const uri = fixtureUri('broken.kql');
    let document: vscode.TextDocument | undefined;
    const diagnostics = await diagnosticsAfter(
      uri,
      async () => (document = await open(uri)),
      (candidate) => errorsIn(candidate).length > 0,
    );
    const errors = errorsIn(diagnostics);
    assert.equal(errors.length, 1, `expected one error, got: ${errors.map((e) => e.message).join(' | ')}`);
    assert.equal(document?.getText(errors[0].range), 'FileNme');
  });

  it('completes columns after `DeviceProcessEvents | where `', async () => {
    const { document, cursor } = await openWithCursor('completion.kql', 'DeviceProcessEvents | where $0');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
    assert.ok(list.items.map(labelOf).includes('FileName'), 'FileName is not among the completions');
  });

  it('shows documentation when hovering has_any', async () => {
    const uri = fixtureUri('detection.kql');
    const document = await open(uri);
    const offset = document.getText().indexOf('has_any') + 'has'.length;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset));
    // Kusto's own documentation of the operator, markdown emphasis removed.
    assert.match(hoverText(hovers).replace(/\*/g, ''), /any of the listed values/);
  });
});
