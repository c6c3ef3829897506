// The connection a run goes to: one of the `kqlDetect.connections` the server checked, picked in a
// quick pick (or named by the caller). Mistakes in the setting are shown, never silently skipped.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { listConnectionsRequest, type ListConnectionsResult } from '../../../server/src/protocol/service';

/** The connection's name, or undefined when there is none or the user dismissed the pick. */
export async function pickConnection(client: LanguageClient, uri: vscode.Uri, named?: string): Promise<string | undefined> {
  const { connections, problems } = await client.sendRequest<ListConnectionsResult>(listConnectionsRequest.method, { uri: uri.toString() });
  if (problems.length > 0) void vscode.window.showWarningMessage(`KQL Detect: kqlDetect.connections: ${problems.join('; ')}`);
  if (named !== undefined) return named;
  if (connections.length === 0) {
    const open = 'Open Settings';
    const answer = await vscode.window.showInformationMessage('KQL Detect: no connections are configured. Add an ADX database, a Log Analytics workspace or Defender to the kqlDetect.connections setting.', open);
    if (answer === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'kqlDetect.connections');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: c.kind, detail: c.detail })),
    { title: 'Run on connection', placeHolder: 'The service to run on (its own data, through your sign-in)' },
  );
  return picked?.label;
}
