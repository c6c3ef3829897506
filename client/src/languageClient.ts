// Creates the language client that runs dist/server.js in its own Node process over IPC.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../server/src/protocol/messages';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Rule files (analytic-rule YAML, ARM and Graph JSON) are YAML and JSON documents: the server
    // answers only for those that hold a detection and stays silent on any other YAML or JSON.
    documentSelector: [{ language: 'kql' }, { language: 'yaml', scheme: 'file' }, { language: 'json', scheme: 'file' }],
    outputChannel,
    synchronize: {
      // Custom table files (`kqlDetect.customSchemaFiles`) are JSON: the server re-reads them when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json'),
    },
  };
  // The id makes the client honour `kqlDetect.trace.server`.
  return new LanguageClient(SETTINGS_SECTION, 'KQL Detect', serverOptions, clientOptions);
}
