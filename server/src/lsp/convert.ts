// Conversions between the core's plain data (document offsets, findings) and LSP types.

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Severity } from '../kusto/analyze';
import type { Finding } from '../rules/lint';
import type { Span } from '../text/span';

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toSpan(document: TextDocument, range: Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A finding as an LSP diagnostic. Rule findings link to their documentation page, a path relative
 * to `packageRoot` (a URL ending in `/`); `data` carries what a quick fix needs.
 */
export function toDiagnostic(document: TextDocument, finding: Finding, packageRoot: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, finding),
    severity: severities[finding.severity],
    message: finding.message,
    code: finding.code,
    source: finding.source,
  };
  if (finding.docs) diagnostic.codeDescription = { href: new URL(finding.docs, packageRoot).href };
  if (finding.data !== undefined) diagnostic.data = finding.data;
  return diagnostic;
}
