// textDocument/codeAction: the rules' quick fixes. Stateless: each fix is computed from the
// current text and the `data` the diagnostic carries, never from server-side memory of findings.

import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic } from 'vscode-languageserver';
import { fixesFor } from '../rules/lint';
import { toRange } from './convert';
import type { Analysed } from './documents';

export function codeActions({ document, setup, asOneQuery }: Analysed, context: CodeActionContext): CodeAction[] {
  const text = document.getText();
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (!isRuleDiagnostic(diagnostic)) continue;
    const finding = { code: diagnostic.code, start: document.offsetAt(diagnostic.range.start), data: diagnostic.data };
    for (const fix of fixesFor(text, finding, setup.environment, setup.options, asOneQuery)) {
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: fix.edits.map((edit) => ({ range: toRange(document, edit), newText: edit.newText })) } },
      };
      if (fix.isPreferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}

function isRuleDiagnostic(diagnostic: Diagnostic): diagnostic is Diagnostic & { code: string } {
  return diagnostic.source === 'kql-detect' && typeof diagnostic.code === 'string' && diagnostic.data !== undefined;
}
