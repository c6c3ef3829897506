// One preview panel: the webview for one detection, its events choice and pinned now(), and the
// debounced re-runs when the detection or its events change.

import { dirname, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { previewRequest, type HostToWebview, type PreviewModel, type PreviewParams, type PreviewResult, type WebviewToHost } from '../../../server/src/protocol/preview';
import { previewHtml } from './html';

export interface PanelHost {
  readonly client: LanguageClient;
  readonly extensionUri: vscode.Uri;
  /** The remembered events choice of a detection (workspaceState). */
  eventsFor(detection: vscode.Uri): string[] | undefined;
  chooseEvents(detection: vscode.Uri): Promise<void>;
  /** A model reached the panel (for diagnostics and the test-only command). */
  shown(detection: vscode.Uri, model: PreviewModel): void;
  failed(detection: vscode.Uri): void;
  exclude(detection: vscode.Uri, model: PreviewModel, row: number, unmatched: boolean, offset: number | undefined): Promise<void>;
  closed(panel: PreviewPanel): void;
}

export class PreviewPanel implements vscode.Disposable {
  /** Document offset of the query block, when the preview was opened on one (CodeLens). */
  offset: number | undefined;
  private now: string | undefined;
  private model: PreviewModel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** The newest run (or the scheduled one), which superseded runs wait for. */
  private latest: Promise<void> | undefined;
  private scheduled: { promise: Promise<void>; resolve: (run: Promise<void>) => void } | undefined;

  constructor(
    readonly detection: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly host: PanelHost,
  ) {
    const dist = vscode.Uri.joinPath(host.extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = previewHtml(panel.webview, dist, vscode.Uri.joinPath);
    panel.title = `Preview: ${detection.path.split('/').pop()}`;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewToHost) => void this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get lastModel(): PreviewModel | undefined {
    return this.model;
  }

  /** Re-runs after `delayMs` without further changes; an earlier pending run is dropped. */
  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.scheduled) {
      let resolve: (run: Promise<void>) => void = () => undefined;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.scheduled = { promise, resolve };
      // A run superseded by this edit waits for this one (see run()).
      this.latest = promise;
    }
    const scheduled = this.scheduled;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.scheduled = undefined;
      scheduled.resolve(this.run());
    }, delayMs);
  }

  /** True when a change to `file` can change this preview's events. */
  usesFile(file: string): boolean {
    if (this.model?.events.files.includes(file)) return true;
    // New or renamed files next to the detection (events/, a spec) can change what the conventions find.
    const rel = relative(dirname(this.detection.fsPath), file);
    return rel !== '' && !rel.startsWith('..') && rel.split(sep).length <= 3;
  }

  /**
   * Runs the preview and posts the model. Settles when the panel shows the result of this run or,
   * if a newer run or edit superseded it, of the newest one: so a caller never sees a stale model.
   */
  run(): Promise<void> {
    const promise: Promise<void> = this.runOnce().then((superseded) => (superseded && this.latest !== promise ? this.latest : undefined));
    this.latest = promise;
    return promise;
  }

  /** True when the run was superseded or cancelled before it could show anything. */
  private async runOnce(): Promise<boolean> {
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    this.post({ type: 'running', detection: this.detection.toString() });
    const maxRows = maxRowsOf(this.detection);
    const params: PreviewParams = { textDocument: { uri: this.detection.toString() }, offset: this.offset, events: this.host.eventsFor(this.detection), now: this.now, maxRows };
    let result: PreviewResult;
    try {
      await this.ensureOpen();
      // A large event set not loaded yet answers first with its matches; the explained run follows.
      result = await this.host.client.sendRequest<PreviewResult>(previewRequest.method, { ...params, firstLook: true }, source.token);
      if (this.running === source && 'model' in result && result.model.firstLook) {
        // Its rows carry no events to exclude: actions wait for the explained model.
        this.model = undefined;
        this.post({ type: 'model', model: result.model, maxRows });
        result = await this.host.client.sendRequest<PreviewResult>(previewRequest.method, params, source.token);
      }
    } catch (error) {
      if (source.token.isCancellationRequested) return true;
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    if (this.running !== source || 'cancelled' in result) return true;
    if ('error' in result) {
      this.post({ type: 'failed', message: result.error });
      this.host.failed(this.detection);
      return false;
    }
    this.model = result.model;
    this.post({ type: 'model', model: result.model, maxRows });
    this.host.shown(this.detection, result.model);
    return false;
  }

  /** Shows a model computed elsewhere (a service's answer) in place of the local run, until the next run. */
  showModel(model: PreviewModel): void {
    this.running?.cancel();
    this.running = undefined;
    this.model = model;
    this.post({ type: 'model', model, maxRows: maxRowsOf(this.detection) });
    this.host.shown(this.detection, model);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.scheduled?.resolve(Promise.resolve());
    this.running?.cancel();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.host.closed(this);
    this.panel.dispose();
  }

  /** The server previews open documents only: open the detection (without showing it) if needed. */
  private async ensureOpen(): Promise<void> {
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.detection.toString())) await vscode.workspace.openTextDocument(this.detection);
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.model) this.post({ type: 'model', model: this.model, maxRows: maxRowsOf(this.detection) });
        return;
      case 'pickEvents':
        await this.host.chooseEvents(this.detection);
        return;
      case 'setNow':
        this.now = message.iso ?? undefined;
        await this.run();
        return;
      case 'openEvent': {
        const line = Math.max(0, message.location.line - 1);
        await vscode.window.showTextDocument(vscode.Uri.file(message.location.file), { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.One });
        return;
      }
      case 'openQuery': {
        const document = await vscode.workspace.openTextDocument(this.detection);
        const range = new vscode.Range(document.positionAt(message.range.start), document.positionAt(message.range.end));
        await vscode.window.showTextDocument(document, { selection: range, viewColumn: vscode.ViewColumn.One });
        return;
      }
      case 'exclude':
        if (this.model) await this.host.exclude(this.detection, this.model, message.row, message.unmatched, this.offset);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage('KQL Detect: rows copied as CSV', 3000);
        return;
      case 'export': {
        const base = this.detection.path.replace(/\.[^./]+$/, '');
        const target = await vscode.window.showSaveDialog({
          defaultUri: this.detection.with({ path: `${base}.preview.${message.format}` }),
          filters: message.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        });
        if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(message.text));
        return;
      }
    }
  }
}

/** The `kqlDetect.preview.maxRows` setting: the rows a panel receives, from the local engine or a service. */
export function maxRowsOf(detection: vscode.Uri): number {
  return vscode.workspace.getConfiguration('kqlDetect.preview', detection).get<number>('maxRows', 10_000);
}
