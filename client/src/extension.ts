// Entry point of the VS Code extension (dist/client.js). It starts the language server and
// registers commands; all understanding of KQL lives in the server process.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { serverStatus, type ServerStatusParams } from '../../server/src/protocol/messages';
import { createLanguageClient } from './languageClient';
import { registerPreview } from './preview';
import { registerServiceTokens, type ServiceTokens } from './service/auth';
import { registerRunOnConnection } from './service/runOnConnection';
import { ServerStatusItem } from './statusBar';
import { registerTesting } from './testing';
import { registerTuning } from './tuning';

/** What `activate` returns: tests and other extensions reach the running client through it. */
export interface KqlDetectApi {
  readonly languageClient: LanguageClient;
  /** Settles when the server has started and reported that its parser is warm. */
  readonly onReady: Promise<void>;
  /** Where the server's service requests get their tokens (VS Code's sign-in unless replaced). */
  readonly serviceTokens: ServiceTokens;
}

const COMMANDS = { restartServer: 'kqlDetect.restartServer', showLog: 'kqlDetect.showServerLog' } as const;

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): KqlDetectApi {
  const output = vscode.window.createOutputChannel('KQL Detect');
  const status = new ServerStatusItem(COMMANDS.showLog);
  const languageClient = createLanguageClient(context, output);
  client = languageClient;

  let markReady: () => void = () => undefined;
  const serverReady = new Promise<void>((resolve) => (markReady = resolve));
  context.subscriptions.push(
    output,
    status,
    status.watch(languageClient),
    languageClient.onNotification(serverStatus.method, (params: ServerStatusParams) => {
      status.show('ready', `parser warmed in ${params.warmupMs} ms`);
      markReady();
    }),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      status.show('starting');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => output.show(true)),
  );

  const panels = registerPreview(context, languageClient);
  registerTuning(context, languageClient);
  const serviceTokens = registerServiceTokens(context, languageClient);
  registerRunOnConnection(context, languageClient, panels);

  const onReady = languageClient.start().then(() => serverReady);
  registerTesting(context, languageClient, onReady);
  onReady.catch((error: unknown) => {
    status.show('stopped');
    output.appendLine(`The KQL Detect language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { languageClient, onReady, serviceTokens };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
