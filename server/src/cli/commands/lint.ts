// `kql-detect lint`: the language server's diagnostics and the detection rules, for terminals and CI.

import { relative, sep } from 'node:path';
import { environmentFor } from '../../kusto/environment';
import { lintDetectionFile, mayBeDetectionFile } from '../../analyticRules/lint';
import { baselineOf, entryFor, matchBaseline, type BaselineEntry } from '../../rules/baseline';
import { costScore } from '../../rules/cost/score';
import { scaledWeight } from '../../rules/cost/tableSizes';
import type { Finding } from '../../rules/lint';
import { lineIndex } from '../../testing/text';
import { choice, count, parse } from '../args';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../exit';
import { loadBaseline, saveBaseline } from '../baselineFile';
import { loadTableSizes } from '../tableSizesFile';
import { findFiles, mustReadText } from '../files';
import type { Output } from '../output';
import { toSarif } from '../report/sarif';
import { schemaKind, schemaOption } from '../schema';

export const LINT_HELP = `Usage: kql-detect lint <paths…> [options]

Checks KQL files (.kql, .csl, .kusto; folders are searched) with the same diagnostics as the
editor: Kusto's own and the detection rules. Rule files are checked too: Sentinel analytic rules
(YAML), ARM templates with alert rules and Defender custom detections (Graph JSON), with their
metadata and their embedded query, at the lines of the file. Their queries run against their
product's tables (Sentinel; Defender for custom detections), whatever --schema says.

Options:
  --format text|json|sarif   output format (default text; sarif is SARIF 2.1.0 for code scanning)
  --max-warnings N           also fail when there are more than N warnings (like eslint)
  --max-cost N               also fail when a file's cost score (the sum of its query-cost
                             findings' weights, see docs/rules/README.md) is over N
  --strict                   fail on any finding, information and hints included
  --table-sizes FILE         weigh findings that scan a table by its volume: FILE is
                             {"unit": "GB/day" or "rows/day", "tables": {"Table": volume, …}}
                             (or kql-guard's {"Table": factor}); against the median listed
                             volume, unlisted tables count as typical. Without it, every
                             table weighs the same. Files are listed by cost score, highest first
  --baseline FILE            accept the findings recorded in FILE: only new ones are shown and
                             counted (SARIF marks each result's baselineState)
  --write-baseline FILE      record every current finding in FILE and exit 0
  --schema defender|sentinel|both   the tables the queries run against (default defender)
  -h, --help                 show this help

Exit codes: 0 no errors (and warnings within --max-warnings, cost within --max-cost), 1 errors,
too many warnings, a file over --max-cost or, with --strict, any finding, 2 bad arguments or
unreadable files.
`;

/** One finding with its place in the file, 1-based. */
export interface LocatedFinding extends Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** With `--baseline`: whether the baseline already accepts this finding. */
  baselineState?: 'new' | 'unchanged';
}

export function lintCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { format: { type: 'string' }, 'max-warnings': { type: 'string' }, 'max-cost': { type: 'string' }, strict: { type: 'boolean' }, 'table-sizes': { type: 'string' }, baseline: { type: 'string' }, 'write-baseline': { type: 'string' }, ...schemaOption }, 'lint');
  if (values.help) {
    output.out(LINT_HELP);
    return EXIT_OK;
  }
  const format = choice(values.format, ['text', 'json', 'sarif'] as const, 'text', 'format');
  const maxWarnings = count(values['max-warnings'], 'max-warnings');
  const maxCost = count(values['max-cost'], 'max-cost');
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or folder (see kql-detect lint --help)');
  const environment = environmentFor(schemaKind(values.schema));
  const baseline = values.baseline === undefined ? undefined : loadBaseline(values.baseline);
  const tableSizes = values['table-sizes'] === undefined ? undefined : loadTableSizes(values['table-sizes']);

  const candidates = findFiles(positionals, mayBeDetectionFile);
  const files: string[] = [];
  const all: LocatedFinding[] = [];
  const entries: BaselineEntry[] = [];
  const scores: FileScore[] = [];
  for (const file of candidates) {
    const text = mustReadText(file);
    const linted = lintDetectionFile(file, text, environment);
    if (!linted) continue; // YAML or JSON that holds no detection
    const found = linted.map((f) => (f.weight ? { ...f, weight: scaledWeight(f.weight, f.scannedTable, tableSizes) } : f));
    files.push(file);
    const lines = lineIndex(text);
    for (const finding of found) {
      const start = lines.positionAt(finding.start);
      const end = lines.positionAt(finding.end);
      all.push({ ...finding, file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
      entries.push(entryFor(baselinePath(file), text, finding));
    }
    scores.push({ file, costScore: costScore(found) });
  }

  if (values['write-baseline'] !== undefined) {
    saveBaseline(values['write-baseline'], baselineOf(entries));
    output.err(`kql-detect: wrote ${all.length} finding${all.length === 1 ? '' : 's'} to ${values['write-baseline']}\n`);
    return EXIT_OK;
  }
  if (baseline) {
    const accepted = matchBaseline(baseline, entries);
    all.forEach((f, i) => (f.baselineState = accepted[i] ? 'unchanged' : 'new'));
  }
  // Baselined findings stay in SARIF (marked unchanged); everywhere else only new ones count.
  const findings = all.filter((f) => f.baselineState !== 'unchanged');

  if (format === 'sarif') output.out(JSON.stringify(toSarif(all, files, undefined, scores), null, 2) + '\n');
  else if (format === 'json') output.out(JSON.stringify(toJson(findings, scores), null, 2) + '\n');
  else output.out(formatText(findings, scores, all.length - findings.length));

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const overBudget = maxCost !== undefined && scores.some((s) => s.costScore > maxCost);
  const strictFailure = values.strict === true && findings.length > 0;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) || overBudget || strictFailure ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * The JSON report: the array of findings it has always been, each carrying its file's cost score
 * (a file with no findings scores 0), so consumers that read the array keep working.
 */
function toJson(findings: LocatedFinding[], scores: FileScore[]): object[] {
  const scoreOf = new Map(scores.map((s) => [s.file, s.costScore]));
  return findings.map(({ data: _data, ...rest }) => ({ ...rest, fileCostScore: scoreOf.get(rest.file) ?? 0 }));
}

/** A file's cost score, in every output format. */
export interface FileScore {
  file: string;
  costScore: number;
}

/** Files in a baseline: relative to the folder lint runs in, with `/`, so a checkout anywhere matches. */
function baselinePath(file: string): string {
  return relative(process.cwd(), file).split(sep).join('/');
}

function formatText(findings: LocatedFinding[], scores: FileScore[], baselined: number): string {
  const fileCount = scores.length;
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.message} [${f.code}${f.weight ? `, cost ${f.weight}` : ''}]`);
  // Highest first, so with --table-sizes the costliest files by real volume lead.
  const ranked = scores.filter((s) => s.costScore > 0).sort((a, b) => b.costScore - a.costScore);
  for (const { file, costScore: score } of ranked) lines.push(`${file}: cost score ${score}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const others = findings.length - errors - warnings;
  lines.push(`${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${others > 0 ? `, ${others} other` : ''}${baselined > 0 ? ` (${baselined} baselined not shown)` : ''}`);
  return lines.join('\n') + '\n';
}
