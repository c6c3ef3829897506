// Evaluation problems of the preview as editor diagnostics: engine problems on the detection
// (query errors are already the language server's), bad event lines on their event file.

import * as vscode from 'vscode';
import type { PreviewModel } from '../../../server/src/protocol/preview';

export class PreviewDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kqlDetect.preview');
  /** The files each detection's last run put diagnostics on, so the next run can clear them. */
  private readonly owned = new Map<string, vscode.Uri[]>();

  /** `document` is the detection's text the model was computed from, for exact ranges. */
  show(detection: vscode.Uri, model: PreviewModel, document: vscode.TextDocument | undefined): void {
    this.clear(detection);
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const add = (uri: vscode.Uri, diagnostic: vscode.Diagnostic) => {
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(diagnostic);
      byFile.set(uri.toString(), entry);
    };
    for (const problem of model.problems) {
      if (problem.code === 'query-error') continue;
      const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
      let diagnostic: vscode.Diagnostic | undefined;
      let uri: vscode.Uri | undefined;
      if (problem.query) {
        const { start, end, line, column } = problem.query;
        const range = document ? new vscode.Range(document.positionAt(start), document.positionAt(end)) : new vscode.Range(line - 1, column - 1, line - 1, column);
        diagnostic = new vscode.Diagnostic(range, problem.message, severity);
        uri = detection;
      } else if (problem.event) {
        const line = Math.max(0, problem.event.line - 1);
        const column = Math.max(0, problem.event.column - 1);
        diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column + 1), problem.message, severity);
        uri = vscode.Uri.file(problem.event.file);
      }
      if (!diagnostic || !uri) continue;
      diagnostic.source = 'KQL Detect preview';
      diagnostic.code = problem.code;
      add(uri, diagnostic);
    }
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
    this.owned.set(detection.toString(), [...byFile.values()].map((entry) => entry.uri));
  }

  clear(detection: vscode.Uri): void {
    for (const uri of this.owned.get(detection.toString()) ?? []) this.collection.delete(uri);
    this.owned.delete(detection.toString());
  }

  dispose(): void {
    this.collection.dispose();
  }
}
