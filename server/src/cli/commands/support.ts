// `kql-detect support`: per query block, whether the local engine can run it, and what blocks
// the rest. The question a team asks before adopting offline tests for a detection library.

import { firstReasons, supportOf, type SupportStatus } from '../../engine/support';
import { mayBeDetectionFile } from '../../analyticRules/lint';
import { environmentFor } from '../../kusto/environment';
import { detectionSchema, readDetection } from '../../workspace/detection';
import { lineIndex } from '../../testing/text';
import { choice, parse } from '../args';
import { EXIT_OK, UsageError } from '../exit';
import { findFiles, mustReadText } from '../files';
import type { Output } from '../output';
import { chosenSchema, schemaOption } from '../schema';

export const SUPPORT_HELP = `Usage: kql-detect support <paths…> [options]

Says, for each query block of the KQL files (.kql, .csl, .kusto; folders are searched) and each
query of the rule files (Sentinel analytic rule YAML, ARM templates, Defender custom detection
JSON), whether the local engine runs it. Each block is run on generated tables (two typed rows per table of the
schema); a block that does not run gets its reasons, the first blocking cause first.

Statuses: runs, not-supported (a construct the engine cannot evaluate locally), query-error
(Kusto's analysis rejects it with this schema), engine-error (the engine failed: a bug of ours).

Options:
  --format text|json    text: one line per block that does not run, then a summary by reason
                        (default); json: [{file, line, status, reasons: [{message, line, column}]}]
  --schema defender|sentinel|both   the tables the queries run against (default: a rule file's
                        product, else defender)
  -h, --help            show this help

Exit codes: 0 the report was written (whatever the blocks' statuses), 2 bad arguments or
unreadable files.
`;

export interface BlockSupport {
  file: string;
  /** 1-based line where the block starts. */
  line: number;
  status: SupportStatus;
  reasons: { message: string; line: number; column: number }[];
}

export function supportCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { format: { type: 'string' }, ...schemaOption }, 'support');
  if (values.help) {
    output.out(SUPPORT_HELP);
    return EXIT_OK;
  }
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  if (positionals.length === 0) throw new UsageError('support needs at least one file or folder (see kql-detect support --help)');
  const chosen = chosenSchema(values.schema);

  const blocks: BlockSupport[] = [];
  for (const file of findFiles(positionals, mayBeDetectionFile)) {
    const text = mustReadText(file);
    const detection = readDetection(file, text);
    if (!detection) continue; // YAML or JSON that holds no detection
    const environment = environmentFor(detectionSchema(detection, undefined, chosen));
    const lines = lineIndex(text);
    for (const query of detection.queries) {
      const support = supportOf(query.text, environment);
      const reasons = support.reasons.map((reason) => ({ message: reason.message, ...lines.positionAt(query.toHost(reason.start)) }));
      blocks.push({ file, line: lines.positionAt(query.host.start).line, status: support.status, reasons });
    }
  }
  output.out(format === 'json' ? JSON.stringify(blocks, null, 2) + '\n' : supportText(blocks));
  return EXIT_OK;
}

/** One line per block that does not run, then the counts per status and per first reason. */
export function supportText(blocks: BlockSupport[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    const first = block.reasons[0];
    if (first) lines.push(`${block.file}:${first.line}:${first.column}: ${block.status}: ${first.message}`);
  }
  const runs = blocks.filter((b) => b.status === 'runs').length;
  const share = blocks.length === 0 ? 0 : Math.round((runs / blocks.length) * 100);
  if (lines.length > 0) lines.push('');
  lines.push(`${runs} of ${blocks.length} query block${blocks.length === 1 ? '' : 's'} run locally (${share}%)`);
  const byReason = firstReasons(blocks);
  if (byReason.length > 0) {
    lines.push('', 'blocks by first blocking reason:');
    for (const [reason, count] of byReason) lines.push(`${String(count).padStart(6)}  ${reason}`);
  }
  return lines.join('\n') + '\n';
}

