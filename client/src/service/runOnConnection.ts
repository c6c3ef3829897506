// "KQL Detect: Run on connection…": the query at the cursor on a picked connection's service, with
// cancellable progress (cancelling ends the HTTP request in the server), the answer in the
// detection's preview panel marked as the service's, and its errors as diagnostics at their place.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewModel, PreviewResult } from '../../../server/src/protocol/preview';
import { runOnConnectionRequest, type RunOnConnectionParams } from '../../../server/src/protocol/service';
import type { PreviewPanels } from '../preview';
import { maxRowsOf } from '../preview/panel';
import { pickConnection } from './pickConnection';

export const RUN_ON_CONNECTION_COMMAND = 'kqlDetect.runOnConnection';

export function registerRunOnConnection(context: vscode.ExtensionContext, client: LanguageClient, panels: PreviewPanels): void {
  /** `(connection?)`: a name skips the pick (key bindings, tests). Settles with the model shown, if any. */
  async function runOnConnection(connection?: string): Promise<PreviewModel | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Open a KQL detection to run it on a connection.');
      return undefined;
    }
    const detection = editor.document.uri;
    const name = await pickConnection(client, detection, connection);
    if (name === undefined) return undefined;
    const params: RunOnConnectionParams = { textDocument: { uri: detection.toString() }, offset: editor.document.offsetAt(editor.selection.active), connection: name, maxRows: maxRowsOf(detection) };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `KQL Detect: running on ${name}…`, cancellable: true },
      async (_progress, token): Promise<PreviewResult> => {
        try {
          return await client.sendRequest<PreviewResult>(runOnConnectionRequest.method, params, token);
        } catch (error) {
          return token.isCancellationRequested ? { cancelled: true } : { error: error instanceof Error ? error.message : String(error) };
        }
      },
    );
    if ('cancelled' in result) {
      void vscode.window.setStatusBarMessage(`KQL Detect: the run on ${name} was cancelled`, 5000);
      return undefined;
    }
    if ('error' in result) {
      void vscode.window.showErrorMessage(`KQL Detect: could not run on ${name}: ${result.error}`);
      return undefined;
    }
    panels.showModel(detection, result.model);
    return result.model;
  }

  context.subscriptions.push(vscode.commands.registerCommand(RUN_ON_CONNECTION_COMMAND, runOnConnection));
}
