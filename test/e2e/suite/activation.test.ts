import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsAfter, fixtureUri, kqlDetect, serverReady } from './kql';

describe('activation', () => {
  it('activates on opening a .kql file, with language id kql, and starts the language server', async () => {
    const extension = kqlDetect();
    assert.equal(extension.isActive, false, 'the extension was active before any .kql file was opened');

    const uri = fixtureUri('detection.kql');
    let document: vscode.TextDocument | undefined;
    // Diagnostics for the file can only come from the language server, so they prove activation.
    await diagnosticsAfter(uri, async () => {
      document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
    });

    assert.equal(document?.languageId, 'kql');
    assert.equal(extension.isActive, true);
    await serverReady();
  });
});
