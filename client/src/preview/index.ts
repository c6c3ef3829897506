// The preview in the editor: the `kqlDetect.preview` command (palette, editor title, CodeLens),
// one panel per detection opened beside it, re-runs on edits and on event-file changes, the
// remembered events choice, a serializer that restores panels after a reload, and the
// test-only `kqlDetect.test.previewModel`. A panel also shows a service's answer (service/).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXCLUDE_ROW_COMMAND, PREVIEW_COMMAND, previewEventsChoice, type PreviewModel, type PreviewPanelState } from '../../../server/src/protocol/preview';
import type { ExcludeRowArgs } from '../../../server/src/protocol/tuning';
import { PreviewPanel, type PanelHost } from './panel';
import { PreviewDiagnostics } from './problems';

const VIEW_TYPE = 'kqlDetect.preview';
const TEST_MODEL_COMMAND = 'kqlDetect.test.previewModel';
const CHOICE_KEY = 'kqlDetect.preview.events:';
/** The files whose changes re-run a preview: event files and test specs. */
const WATCHED = '**/*.{jsonl,ndjson,json,csv,yaml,yml}';

/** The panels, for results computed outside the preview (Run on connection). */
export interface PreviewPanels {
  /** Shows `model` in the detection's panel (opened beside the editor if needed) and its problems as diagnostics. */
  showModel(detection: vscode.Uri, model: PreviewModel): void;
}

export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): PreviewPanels {
  const panels = new Map<string, PreviewPanel>();
  const diagnostics = new PreviewDiagnostics();
  let lastModel: PreviewModel | undefined;

  const debounceMs = (uri: vscode.Uri) => vscode.workspace.getConfiguration('kqlDetect.preview', uri).get<number>('debounceMs', 300);

  const host: PanelHost = {
    client,
    extensionUri: context.extensionUri,
    eventsFor: (detection) => context.workspaceState.get<string[]>(CHOICE_KEY + detection.toString()),
    async chooseEvents(detection) {
      if (host.eventsFor(detection)) {
        const pick = await vscode.window.showQuickPick(['Choose files or folders…', 'Use the events found by convention'], { title: 'Sample events for the preview' });
        if (!pick) return;
        if (pick !== 'Choose files or folders…') return setChoice(detection, undefined);
      }
      const picked = await vscode.window.showOpenDialog({
        title: 'Sample events for the preview',
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: true,
        defaultUri: vscode.Uri.joinPath(detection, '..'),
        openLabel: 'Use these events',
        filters: { 'Event files': ['jsonl', 'ndjson', 'json', 'csv'] },
      });
      if (!picked) return;
      await setChoice(detection, picked.map((uri) => uri.fsPath));
    },
    shown(detection, model) {
      lastModel = model;
      diagnostics.show(detection, model, vscode.workspace.textDocuments.find((d) => d.uri.toString() === detection.toString()));
    },
    failed: (detection) => diagnostics.clear(detection),
    async exclude(detection, model, row, unmatched, offset) {
      const event = unmatched ? model.unmatched[row]?.event : model.rows[row]?.event;
      if (!event) return;
      const commands = await vscode.commands.getCommands(true);
      if (!commands.includes(EXCLUDE_ROW_COMMAND)) {
        void vscode.window.showInformationMessage('Exclusions from the preview are not available in this version of KQL Detect.');
        return;
      }
      const args: ExcludeRowArgs = { uri: detection.toString(), event, offset, events: host.eventsFor(detection) };
      try {
        await vscode.commands.executeCommand(EXCLUDE_ROW_COMMAND, args);
      } catch (error) {
        void vscode.window.showErrorMessage(`KQL Detect: could not exclude this event: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    closed(panel) {
      if (panels.get(panel.detection.toString()) === panel) panels.delete(panel.detection.toString());
      diagnostics.clear(panel.detection);
    },
  };

  async function setChoice(detection: vscode.Uri, events: string[] | undefined): Promise<void> {
    await context.workspaceState.update(CHOICE_KEY + detection.toString(), events);
    void client.sendNotification(previewEventsChoice.method, { uri: detection.toString(), events });
    await panels.get(detection.toString())?.run();
  }

  function panelFor(detection: vscode.Uri, existing?: vscode.WebviewPanel): PreviewPanel {
    const key = detection.toString();
    let panel = panels.get(key);
    if (!panel) {
      const webview = existing ?? vscode.window.createWebviewPanel(VIEW_TYPE, 'Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] });
      panel = new PreviewPanel(detection, webview, host);
      panels.set(key, panel);
      // The server counts the lens with the remembered choice too.
      const events = host.eventsFor(detection);
      if (events) void client.sendNotification(previewEventsChoice.method, { uri: key, events });
    }
    return panel;
  }

  /** `(uri?, offset?)`: from the CodeLens (URI text and block offset), the title bar (a Uri), or the palette (the active editor). */
  async function preview(target?: string | vscode.Uri, offset?: number): Promise<PreviewModel | undefined> {
    const editor = vscode.window.activeTextEditor;
    const detection = typeof target === 'string' ? vscode.Uri.parse(target) : (target ?? editor?.document.uri);
    if (!detection) {
      void vscode.window.showInformationMessage('Open a KQL detection to preview it on sample events.');
      return undefined;
    }
    const panel = panelFor(detection);
    const fromEditor = editor && editor.document.uri.toString() === detection.toString() ? editor.document.offsetAt(editor.selection.active) : undefined;
    panel.offset = offset ?? fromEditor ?? panel.offset;
    panel.reveal();
    await panel.run();
    return panel.lastModel;
  }

  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  const onFile = (uri: vscode.Uri) => {
    for (const panel of panels.values()) if (panel.usesFile(uri.fsPath)) panel.schedule(debounceMs(panel.detection));
  };

  context.subscriptions.push(
    diagnostics,
    watcher,
    watcher.onDidChange(onFile),
    watcher.onDidCreate(onFile),
    watcher.onDidDelete(onFile),
    vscode.commands.registerCommand(PREVIEW_COMMAND, preview),
    vscode.commands.registerCommand(TEST_MODEL_COMMAND, () => lastModel),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length === 0) return;
      const panel = panels.get(document.uri.toString());
      panel?.schedule(debounceMs(document.uri));
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(webview: vscode.WebviewPanel, state: PreviewPanelState | undefined) {
        if (!state?.detection) {
          webview.dispose();
          return;
        }
        const panel = panelFor(vscode.Uri.parse(state.detection), webview);
        await panel.run();
      },
    }),
    { dispose: () => [...panels.values()].forEach((panel) => panel.dispose()) },
  );

  return {
    showModel(detection, model) {
      const panel = panelFor(detection);
      panel.reveal();
      panel.showModel(model);
    },
  };
}
