// `kql-detect fmt`: Kusto.Language's formatter over KQL files and the queries inside rule files,
// one pipe per line, for terminals and CI (`--check`). Formatting is syntax only, so no table
// schemas are loaded.

import { writeFileSync } from 'node:fs';
import { mayBeDetectionFile } from '../../analyticRules/lint';
import type { Environment } from '../../kusto/globals';
import { formatText, type FormattingOptions } from '../../kusto/service/formatting';
import { mayBeRuleFile } from '../../sources/ruleFile';
import { rewriteRuleFileQueries } from '../../sources/rewriteQueries';
import { lineIndex } from '../../testing/text';
import { formatProblem } from '../../text/problem';
import { parse } from '../args';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../exit';
import { findFiles, mustReadText } from '../files';
import type { Output } from '../output';

export const FMT_HELP = `Usage: kql-detect fmt [--check | --write] <paths…>

Formats KQL files (.kql, .csl, .kusto; folders are searched) with Kusto.Language's formatter,
the one the editor uses: one pipe per line. Formatting twice gives the same text. Queries with
syntax errors are left as they are (kql-detect lint reports them).

In rule files (Sentinel analytic rules in YAML, ARM templates with alert rules, Defender custom
detections in Graph JSON) only the queries are formatted: each is written back in its own string
style and indentation, and the rest of the file is left byte for byte. A query in a YAML style
that cannot hold line breaks (folded, plain, single-quoted) is left as it is, with a note.

Options:
  --check          print the files that are not formatted; exit 1 if there are any
  --write          rewrite the files that are not formatted, in place
  --indent N       spaces per indentation level (default 4)
  -h, --help       show this help

Without --check or --write, the formatted text is printed.

Exit codes: 0 done (with --check: every file is formatted), 1 --check found unformatted files,
2 bad arguments or unreadable files.
`;

/** The formatter needs the syntax only. */
const NO_TABLES: Environment = { tables: [], openTables: [], functions: [] };

export function fmtCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { check: { type: 'boolean' }, write: { type: 'boolean' }, indent: { type: 'string' } }, 'fmt');
  if (values.help) {
    output.out(FMT_HELP);
    return EXIT_OK;
  }
  if (values.check && values.write) throw new UsageError('--check and --write cannot be used together');
  if (positionals.length === 0) throw new UsageError('fmt needs at least one file or folder (see kql-detect fmt --help)');
  const indentSize = values.indent === undefined ? 4 : Number(values.indent);
  if (!Number.isInteger(indentSize) || indentSize < 1 || indentSize > 8) throw new UsageError(`--indent must be a whole number from 1 to 8, not '${values.indent}'`);

  let unformatted = 0;
  for (const file of findFiles(positionals, mayBeDetectionFile)) {
    const text = mustReadText(file);
    const formatted = formatFile(file, text, { indentSize }, output);
    if (formatted === undefined) continue; // YAML or JSON that holds no detection
    if (values.check) {
      if (formatted !== text) {
        unformatted++;
        output.out(`${file}: not formatted\n`);
      }
    } else if (values.write) {
      if (formatted !== text) {
        writeFileSync(file, formatted);
        output.out(`${file}: formatted\n`);
      }
    } else {
      output.out(formatted);
    }
  }
  return values.check && unformatted > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The file formatted: a KQL document whole, a rule file's queries only. Undefined for YAML or JSON that holds no detection. */
function formatFile(file: string, text: string, options: FormattingOptions, output: Output): string | undefined {
  if (!mayBeRuleFile(file)) return formatText(text, NO_TABLES, options);
  const rewritten = rewriteRuleFileQueries(file, text, (query) => formatText(query, NO_TABLES, options));
  if (!rewritten) return undefined;
  const lines = lineIndex(text);
  for (const skipped of rewritten.skipped) output.err(`${formatProblem({ file, ...lines.positionAt(skipped.start), message: skipped.message })}\n`);
  return rewritten.text;
}
