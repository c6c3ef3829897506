// A status bar item showing whether the language server is starting, ready or stopped.

import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

export type ServerState = 'starting' | 'ready' | 'stopped';

const looks: Record<ServerState, { text: string; tooltip: string }> = {
  starting: { text: '$(loading~spin) KQL', tooltip: 'KQL Detect: the language server is starting' },
  ready: { text: '$(check) KQL', tooltip: 'KQL Detect: the language server is ready' },
  stopped: { text: '$(error) KQL', tooltip: 'KQL Detect: the language server is stopped (click to see its log)' },
};

export class ServerStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);

  constructor(showLogCommand: string) {
    this.item.name = 'KQL Detect';
    this.item.command = showLogCommand;
    this.show('starting');
    this.item.show();
  }

  /** Follows the client's state; `ready` is set by the server's own status notification. */
  watch(client: LanguageClient): vscode.Disposable {
    return client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) this.show('starting');
      else if (newState === State.Stopped) this.show('stopped');
    });
  }

  show(state: ServerState, detail?: string): void {
    const look = looks[state];
    this.item.text = look.text;
    this.item.tooltip = detail ? `${look.tooltip} (${detail})` : look.tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
