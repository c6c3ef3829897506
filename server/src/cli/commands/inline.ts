// `kql-detect inline`: prints a detection rewritten with its sample events as datatables and
// now() pinned, so it can be pasted into any Kusto tool and sees exactly these events.

import { TICKS_PER_MILLISECOND } from '../../engine/values';
import { inlineQuery } from '../../inline/rewrite';
import { latestEventTime } from '../../preview/now';
import { formatProblem } from '../../text/problem';
import { lineIndex } from '../../testing/text';
import { dateTimeOption, detectionAndEvents, parse } from '../args';
import { BLOCK_HELP, commandQuery } from '../detection';
import { EXIT_OK, EXIT_USAGE } from '../exit';
import type { Output } from '../output';
import { chosenSchema, schemaOption } from '../schema';
import { bindEvents } from './run';

export const INLINE_HELP = `Usage: kql-detect inline <detection> --events [Table=]FILE… [options]

Prints the detection as one self-contained query: each table it reads becomes
'let Table = datatable(...)[...]' of the given events (typed by the table schema), now() and
ago() read one pinned datetime. A watchlist or externaldata that no events are bound to is
refused with its position. Paste it into any Kusto tool.
Event files bind to tables as in 'kql-detect run'. The detection is a .kql file (all of it) or a
rule file (Sentinel analytic rule YAML, ARM template, Defender custom detection JSON): its query
is printed, and refusals are placed at the rule file's lines.

Options:
  --events [Table=]PATH…     event files or folders
  --now DATETIME             the pinned now() (default: the latest Timestamp or TimeGenerated
                             of the events, else the clock)
  ${BLOCK_HELP}
  --schema defender|sentinel|both   the tables the detection runs against (default: the spec's,
                             else the rule file's product, else defender)
  -h, --help                 show this help

Exit codes: 0 printed, 2 bad arguments, unreadable files, bad events, or a detection that
cannot be made self-contained (the reasons are printed with their positions).
`;

export function inlineCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { events: { type: 'string', multiple: true }, now: { type: 'string' }, block: { type: 'string' }, ...schemaOption }, 'inline');
  if (values.help) {
    output.out(INLINE_HELP);
    return EXIT_OK;
  }
  const { detection, eventArgs } = detectionAndEvents(positionals, values.events, 'inline');
  const chosen = dateTimeOption(values.now, 'now');

  const { query, hostText, environment } = commandQuery(detection, values.block, chosenSchema(values.schema));
  const text = query.text;
  const { provider, tables } = bindEvents(eventArgs, text, environment, output);
  const now = chosen ?? latestEventTime(provider) ?? BigInt(Date.now()) * TICKS_PER_MILLISECOND;
  const inlined = inlineQuery({ text, provider, now, environment });
  // Writing the rows decodes every column, so bad values are known now.
  const problems = [...tables.values()].flatMap((t) => t.problems());
  for (const problem of problems) output.err(`${formatProblem(problem)}\n`);
  const lines = lineIndex(hostText);
  for (const problem of inlined.problems) {
    const { line, column } = lines.positionAt(query.toHost(problem.start));
    output.err(`${detection}:${line}:${column}: error: ${problem.message}\n`);
  }
  if (problems.length > 0 || inlined.problems.length > 0) return EXIT_USAGE;
  output.out(inlined.text.endsWith('\n') ? inlined.text : `${inlined.text}\n`);
  return EXIT_OK;
}
