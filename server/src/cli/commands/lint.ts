// `kql-detect lint`: the language server's diagnostics and the detection rules, for terminals and CI.

import { environmentFor } from '../../kusto/environment';
import { lintDetectionFile, mayBeDetectionFile } from '../../analyticRules/lint';
import type { Finding } from '../../rules/lint';
import { lineIndex } from '../../testing/text';
import { choice, count, parse } from '../args';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../exit';
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
  --schema defender|sentinel|both   the tables the queries run against (default defender)
  -h, --help                 show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 bad arguments or unreadable files.
`;

/** One finding with its place in the file, 1-based. */
export interface LocatedFinding extends Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function lintCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { format: { type: 'string' }, 'max-warnings': { type: 'string' }, ...schemaOption }, 'lint');
  if (values.help) {
    output.out(LINT_HELP);
    return EXIT_OK;
  }
  const format = choice(values.format, ['text', 'json', 'sarif'] as const, 'text', 'format');
  const maxWarnings = count(values['max-warnings'], 'max-warnings');
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or folder (see kql-detect lint --help)');
  const environment = environmentFor(schemaKind(values.schema));

  const candidates = findFiles(positionals, mayBeDetectionFile);
  const files: string[] = [];
  const findings: LocatedFinding[] = [];
  for (const file of candidates) {
    const text = mustReadText(file);
    const found = lintDetectionFile(file, text, environment);
    if (!found) continue; // YAML or JSON that holds no detection
    files.push(file);
    const lines = lineIndex(text);
    for (const finding of found) {
      const start = lines.positionAt(finding.start);
      const end = lines.positionAt(finding.end);
      findings.push({ ...finding, file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
    }
  }

  if (format === 'sarif') output.out(JSON.stringify(toSarif(findings, files), null, 2) + '\n');
  else if (format === 'json') output.out(JSON.stringify(findings.map(({ data: _data, ...rest }) => rest), null, 2) + '\n');
  else output.out(formatText(findings, files.length));

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? EXIT_FINDINGS : EXIT_OK;
}

function formatText(findings: LocatedFinding[], fileCount: number): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.message} [${f.code}]`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const others = findings.length - errors - warnings;
  lines.push(`${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${others > 0 ? `, ${others} other` : ''}`);
  return lines.join('\n') + '\n';
}
