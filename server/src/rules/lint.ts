// Every diagnostic of a document, as plain data: Kusto.Language's own, then the detection rules'.
// The language server and the CLI both call `lintDocument`; neither assembles diagnostics itself.

import { analyzeDocument, type DocumentAnalysis, type Severity } from '../kusto/analyze';
import { blockAt } from '../kusto/blocks';
import type { CatalogProblem } from '../catalog/catalog';
import type { Environment } from '../kusto/globals';
import { BlockContext } from './context';
import { catalogFor, scopeOf, type LintOptions } from './options';
import { RULES, ruleById } from './registry';
import { ruleDocPath, type Fix } from './rule';
import { readSuppressions } from './suppression';

export type { LintOptions, RuleSetting } from './options';
export type { Fix, TextEdit } from './rule';

export interface Finding {
  start: number;
  end: number;
  severity: Severity;
  message: string;
  /** A Kusto code (`KS142`) or a rule id (`rmm-missing-binary`). */
  code: string;
  /**
   * `kusto` for the parser's diagnostics, `kql-detect` for the detection rules, `analytic-rule`
   * for a rule file's metadata and its fields' agreement with the query.
   */
  source: 'kusto' | 'kql-detect' | 'analytic-rule';
  /** Rules only: which of the rule's messages this is. */
  messageId?: string;
  /** Rules only: the rule's doc, relative to the package root (`docs/rules/<id>.md`). */
  docs?: string;
  /** What a quick fix needs, so code actions stay stateless (rules only). */
  data?: unknown;
  /** Query-cost rules only: this finding's share of the file's cost score. */
  weight?: number;
  /** Query-cost rules only: the table whose size the weight grows with, when the finding scans one. */
  scannedTable?: string;
}

export interface LintResult {
  analysis: DocumentAnalysis;
  findings: Finding[];
  /** Parts of the extra catalog (`options.catalog.extra`) that were malformed and skipped. */
  catalogProblems: CatalogProblem[];
}

/** `asOneQuery`: the text is one query (a rule file's), not a document of blank-line separated blocks. */
export function lintDocument(text: string, environment: Environment, options: LintOptions = {}, asOneQuery = false): LintResult {
  const analysis = analyzeDocument(text, environment, asOneQuery);
  const findings: Finding[] = analysis.diagnostics.map((d) => ({ ...d, source: 'kusto' }));
  const { catalog, problems: catalogProblems } = catalogFor(options);
  const scope = scopeOf(options);
  const suppressions = readSuppressions(text);
  for (const block of analysis.blocks) {
    if (block.isEmpty) continue;
    const context = new BlockContext(text, block.syntax, catalog, scope);
    for (const rule of RULES) {
      const setting = options.rules?.[rule.id] ?? rule.defaultSeverity;
      if (setting === 'off') continue;
      for (const found of rule.check(context)) {
        if (suppressions.isSuppressed(rule.id, found.start)) continue;
        findings.push({ ...found, severity: setting, code: rule.id, source: 'kql-detect', docs: ruleDocPath(rule.id), ...(rule.costWeight ? { weight: rule.costWeight } : {}) });
      }
    }
  }
  return { analysis, findings, catalogProblems };
}

/**
 * The quick fixes for one finding of `lintDocument`, computed from the current `text` and the
 * finding's `data` alone. A stale finding yields no fixes (so applying a fix twice changes nothing).
 */
export function fixesFor(text: string, finding: Pick<Finding, 'code' | 'start' | 'data'>, environment: Environment, options: LintOptions = {}, asOneQuery = false): Fix[] {
  const rule = ruleById(finding.code);
  const data = finding.data;
  if (!rule || typeof data !== 'object' || data === null) return [];
  const analysis = analyzeDocument(text, environment, asOneQuery);
  const block = blockAt(analysis.blocks, Math.min(finding.start, text.length));
  if (!block) return [];
  const context = new BlockContext(text, block.syntax, catalogFor(options).catalog, scopeOf(options));
  return rule.fixes(context, data as Record<string, unknown>).filter((fix) => fix.edits.length > 0);
}
