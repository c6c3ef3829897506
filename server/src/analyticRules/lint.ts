// Every finding of a rule file (analytic-rule YAML, ARM template, Graph detection rule) in the host
// file's offsets: reading problems, the metadata checks, Kusto's and the detection rules' findings
// on each embedded query, and the checks that join the two. Fixes are mapped back the same way.

import { environmentFor, type SchemaKind } from '../kusto/environment';
import type { Environment } from '../kusto/globals';
import { fixesFor, lintDocument, type Finding, type Fix, type LintOptions, type LintResult } from '../rules/lint';
import { editToHost, type EmbeddedQuery } from '../sources/embeddedQuery';
import { mayBeRuleFile, readRuleFile, type RuleFile, type RuleFileKind } from '../sources/ruleFile';
import { checkMetadata } from './metadata';
import { checkDefenderColumns, checkLookBack, checkOutputColumns, columnReferences } from './queryChecks';

export interface EmbeddedLint {
  query: EmbeddedQuery;
  /** The query's own lint, in query offsets. */
  result: LintResult;
}

export interface RuleFileLint {
  file: RuleFile;
  queries: EmbeddedLint[];
  /** Everything, in host-file offsets. */
  findings: Finding[];
}

/** The product whose tables a rule file's queries run against. */
export function schemaOfRuleFile(kind: RuleFileKind): SchemaKind {
  return kind === 'graph-detection-rule' ? 'defender' : 'sentinel';
}

/** `environment`: the tables to check against; by default the rule's product's. */
export function lintRuleFile(file: RuleFile, text: string, options: LintOptions = {}, environment: Environment = environmentFor(schemaOfRuleFile(file.kind))): RuleFileLint {
  const findings: Finding[] = file.problems.map((p) => ({ ...p, severity: 'error', code: 'rule-file', source: 'analytic-rule' }));
  if (file.yaml) for (const p of checkMetadata(file.yaml.document, text)) findings.push({ ...p, severity: 'error', code: 'rule-metadata', source: 'analytic-rule' });
  const queries: EmbeddedLint[] = [];
  for (const query of file.queries) {
    if (!query) continue;
    const result = lintDocument(query.text, environment, options, true);
    queries.push({ query, result });
    for (const finding of result.findings) findings.push({ ...finding, ...query.map.spanToHost(finding.start, finding.end) });
    const block = result.analysis.blocks[0];
    if (!block) continue;
    const joined = file.yaml
      ? [...checkOutputColumns(columnReferences(file.yaml.document), block), ...checkLookBack(file.yaml.document, query, block)]
      : file.kind === 'graph-detection-rule'
        ? checkDefenderColumns(query, block)
        : [];
    for (const problem of joined) findings.push({ ...problem, source: 'analytic-rule' });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { file, queries, findings };
}

/** The embedded query holding host offset `offset`, if any. */
export function queryAt(file: RuleFile, offset: number): EmbeddedQuery | undefined {
  return file.queries.find((q) => q !== undefined && q.map.containsHost(offset));
}

/**
 * The quick fixes of a detection-rule finding on a rule file, as host edits. A fix an edit of
 * which the host string cannot hold (a line break in a folded scalar) is not offered.
 */
export function ruleFileFixesFor(file: RuleFile, finding: Pick<Finding, 'code' | 'start' | 'data'>, environment: Environment, options: LintOptions = {}): Fix[] {
  const query = queryAt(file, finding.start);
  const start = query?.map.toQuery(finding.start);
  if (!query || start === undefined) return [];
  const fixes: Fix[] = [];
  for (const fix of fixesFor(query.text, { ...finding, start }, environment, options, true)) {
    const edits = fix.edits.map((edit) => editToHost(query, edit));
    if (edits.every((e) => e !== undefined)) fixes.push({ ...fix, edits: edits as Fix['edits'] });
  }
  return fixes;
}

const KQL_FILE = /\.(kql|csl|kusto)$/i;

/** True for the names of files that may hold detections: KQL documents and rule files. */
export function mayBeDetectionFile(fileName: string): boolean {
  return KQL_FILE.test(fileName) || mayBeRuleFile(fileName);
}

/**
 * The findings of any detection file, in its own offsets: a rule file against its product's tables,
 * any other file as a KQL document against `kqlEnvironment`. Undefined for YAML or JSON that holds
 * no detection.
 */
export function lintDetectionFile(fileName: string, text: string, kqlEnvironment: Environment, options: LintOptions = {}): Finding[] | undefined {
  if (!mayBeRuleFile(fileName)) return lintDocument(text, kqlEnvironment, options).findings;
  const file = readRuleFile(fileName, text);
  return file && lintRuleFile(file, text, options).findings;
}
