// `kql-detect preview`: the editor's live preview in a terminal. The detection runs on its sample
// events (found as the editor finds them, or given with --events), and the output shows the
// per-clause funnel, the matches per family, and the rows with their flags.

import { basename, relative } from 'node:path';
import { runPreview } from '../preview/run';
import type { CellValue, PreviewModel, PreviewProblem } from '../protocol/preview';
import { count, dateTimeOption, detectionArgument, parse } from './args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './exit';
import type { Output } from './output';
import { schemaOption, chosenSchema } from './schema';
import { fileHost } from '../preview/fileHost';
import { resolveDetection } from '../workspace/resolve';

export const PREVIEW_HELP = `Usage: kql-detect preview <detection> [options]

Runs a detection on its sample events with the local engine and prints what the editor's preview
shows: how many events each 'where' clause dropped, the matches per category (the string column a
case() computes, e.g. ToolFamily), and the matched rows with their flags (computed bool columns).
The detection is a .kql file (its last query block) or a rule file: a Sentinel analytic rule
(YAML), an ARM template's alert rule or a Defender custom detection (Graph JSON); positions are
the rule file's lines.

Sample events are found as in the editor: a test spec beside the detection that names it, else
<name>.events.jsonl (.ndjson, .json, .csv) next to it, else an events/ folder next to it.
now() is the spec's, else the latest Timestamp/TimeGenerated of the events.

Options:
  --events PATH…             event files or folders instead of the conventions
  --now DATETIME             pin now() and ago(), e.g. 2024-05-01T12:00:00Z
  --max-rows N               rows to print (default 50)
  --unmatched                also list the events no row came from, with the clause that dropped each
  --schema defender|sentinel|both   the tables the detection runs against (default: the spec's,
                             else the rule file's product, else defender)
  -h, --help                 show this help

Exit codes: 0 it ran, 1 it ran with errors (e.g. not supported locally), 2 bad arguments or bad events.
`;

/** Widest a printed cell gets; longer values end in '…'. */
const CELL_WIDTH = 34;
const BAR_WIDTH = 30;
const MODEL_ROWS = 1_000_000;

export function previewCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(
    args,
    { events: { type: 'string', multiple: true }, now: { type: 'string' }, 'max-rows': { type: 'string' }, unmatched: { type: 'boolean' }, ...schemaOption },
    'preview',
  );
  if (values.help) {
    output.out(PREVIEW_HELP);
    return EXIT_OK;
  }
  const { detection, rest: moreEvents } = detectionArgument(positionals, 'preview');
  const now = dateTimeOption(values.now, 'now');
  const maxRows = count(values['max-rows'], 'max-rows') ?? 50;
  const chosen = [...(values.events ?? []), ...moreEvents];

  const resolved = resolveDetection({ file: detection, schema: chosenSchema(values.schema) }, fileHost);
  if ('error' in resolved) throw new UsageError(resolved.error);
  const outcome = runPreview(
    // Every row in the model, so the flag counts cover all matches; only --max-rows are printed.
    { detection, text: resolved.detection.text, chosenEvents: chosen.length > 0 ? chosen : undefined, now, maxRows: MODEL_ROWS },
    resolved.environment,
    fileHost,
  );
  if (!('model' in outcome)) throw new UsageError('the preview was cancelled');
  const model = outcome.model;
  output.out(formatPreview(model, { maxRows, unmatched: values.unmatched === true }));
  for (const problem of model.problems) output.err(`${formatProblem(detection, problem)}\n`);
  if (model.problems.some((p) => p.code === 'events')) return EXIT_USAGE;
  return model.problems.some((p) => p.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

export function formatPreview(model: PreviewModel, options: { maxRows: number; unmatched: boolean }): string {
  const lines: string[] = [];
  const tables = model.events.tables.map((t) => `${t.events} ${t.name}`).join(', ') || 'no events';
  lines.push(`${basename(model.detection)} on ${tables}  (${model.events.description})`);
  lines.push(`now() = ${model.now.iso}  (${NOW_ORIGINS[model.now.origin]})`, '');

  lines.push('Funnel');
  lines.push(`  ${pad(model.totals.scanned)}  events scanned`);
  for (const step of model.funnel) {
    lines.push(`  ${pad(-step.dropped)}  where ${step.predicate.text}   (line ${step.predicate.range.line}, ${step.remaining} left)`);
  }
  lines.push(`  ${pad(model.totals.matched)}  matched`, '');

  if (model.category) {
    lines.push(`Matches per ${model.category.column}`);
    const widest = Math.max(...model.category.counts.map((c) => c.value.length), 1);
    const most = Math.max(...model.category.counts.map((c) => c.count), 1);
    for (const { value, count: n } of model.category.counts) {
      lines.push(`  ${value.padEnd(widest)}  ${String(n).padStart(4)}  ${'█'.repeat(Math.max(1, Math.round((n / most) * BAR_WIDTH)))}`);
    }
    lines.push('');
  }

  if (model.flags.length > 0) {
    lines.push('Flags (rows where true)');
    for (const flag of model.flags) {
      const index = model.columns.findIndex((c) => c.name === flag);
      const set = model.rows.filter((row) => row.cells[index] === true).length;
      lines.push(`  ${flag.padEnd(24)} ${set} of ${model.rows.length}`);
    }
    lines.push('');
  }

  const shown = model.rows.slice(0, options.maxRows);
  lines.push(`Rows (${model.totals.matched}${shown.length < model.totals.matched ? `, first ${shown.length}` : ''})`);
  if (shown.length > 0) {
    // The category and the flags first: they are what the preview is for, and wide rows wrap.
    const first = [model.category?.column, ...model.flags].filter((name): name is string => name !== undefined);
    const order = [...first, ...model.columns.map((c) => c.name).filter((name) => !first.includes(name))].map((name) => model.columns.findIndex((c) => c.name === name));
    const header = order.map((c) => model.columns[c].name);
    lines.push(...textTable(header, shown.map((row) => order.map((c) => cellText(row.cells[c])))).map((line) => `  ${line}`));
  }
  if (options.unmatched) {
    lines.push('', `Not matched (${model.totals.dropped}), by the clause that dropped each`);
    for (const { event, droppedBy } of model.unmatched.slice(0, options.maxRows)) {
      const at = event.location ? `${relative(process.cwd(), event.location.file)}:${event.location.line}` : `${event.table} row ${event.row + 1}`;
      const name = event.fields.find((f) => f.name === 'FileName')?.value;
      lines.push(`  ${at}${name ? `  ${name}` : ''}  ← where ${droppedBy.text}`);
    }
  }
  return lines.join('\n') + '\n';
}

const NOW_ORIGINS: Record<PreviewModel['now']['origin'], string> = {
  spec: 'pinned by the test spec',
  events: 'the latest event time',
  chosen: 'pinned with --now',
  clock: 'the clock: no event has a time',
};

function pad(n: number): string {
  return (n < 0 ? `-${-n}` : String(n)).padStart(7);
}

function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell === true) return '✓';
  if (cell === false) return '·';
  const text = String(cell).replace(/\s+/g, ' ');
  return text.length > CELL_WIDTH ? text.slice(0, CELL_WIDTH - 1) + '…' : text;
}

function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((name, c) => Math.max(name.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

function formatProblem(detection: string, problem: PreviewProblem): string {
  if (problem.event) {
    const at = problem.event.line > 0 ? `${problem.event.file}:${problem.event.line}:${problem.event.column}` : problem.event.file;
    return `${at}: ${problem.message}`;
  }
  const at = problem.query ? `${detection}:${problem.query.line}:${problem.query.column}` : detection;
  return `${at}: ${problem.severity}: ${problem.message} [${problem.code}]`;
}
