// Every diagnostic of a document, as plain data: Kusto.Language's own, then the detection rules'.
// The language server and the CLI both call `lintDocument`; neither assembles diagnostics itself.

import { analyzeDocument, type DocumentAnalysis, type Severity } from '../kusto/analyze';
import type { Environment } from '../kusto/globals';

export interface Finding {
  start: number;
  end: number;
  severity: Severity;
  message: string;
  /** A Kusto code (`KS142`) or a rule id (`rmm-missing-binary`). */
  code: string;
  /** `kusto` for the parser's diagnostics, `kql-detect` for the detection rules. */
  source: 'kusto' | 'kql-detect';
  /** What a quick fix needs, so code actions stay stateless (rules only). */
  data?: unknown;
}

export interface LintResult {
  analysis: DocumentAnalysis;
  findings: Finding[];
}

export function lintDocument(text: string, environment: Environment): LintResult {
  const analysis = analyzeDocument(text, environment);
  const findings: Finding[] = analysis.diagnostics.map((d) => ({ ...d, source: 'kusto' }));
  return { analysis, findings };
}
