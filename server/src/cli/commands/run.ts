// `kql-detect run`: evaluates a detection on event files with the local engine and prints the result.

import { basename } from 'node:path';
import { runQuery, type ExplainTrace, type ResultTable, type RowTrace, type Span } from '../../engine/index';
import { tableColumns } from '../../engine/schema';
import type { TableProvider } from '../../engine/table';

import { analyzeQuery } from '../../kusto/analyze';
import type { Environment } from '../../kusto/globals';
import { walk } from '../../kusto/syntax';
import { deferredEventFiles, type DeferredEvents } from '../../events/files';
import { withExternalFiles } from '../../testing/externalFiles';
import { isEventFile, readEventFiles, type EventFiles } from '../../testing/fileHost';
import { lineIndex } from '../../testing/text';
import { choice, dateTimeOption, detectionAndEvents, parse } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../exit';
import { findFiles } from '../files';
import type { Output } from '../output';
import { serviceRunCommand } from './serviceRun';
import { toCsv, toJsonRows, toTextTable } from '../report/rows';
import { chosenSchema, schemaOption } from '../schema';
import { BLOCK_HELP, commandQuery } from '../detection';
import { formatProblem } from '../../text/problem';

export const RUN_HELP = `Usage: kql-detect run <detection> --events [Table=]FILE… [options]

Evaluates a detection with the local engine on event files (.jsonl, .ndjson, .json, or .csv
as Advanced Hunting exports it) and prints the result. An event file binds to the table named
before '=', else to the table its name starts with (DeviceProcessEvents.jsonl), else to the one
table the detection reads. A folder stands for the event files in it.

The detection is a .kql file (all of it) or a rule file: a Sentinel analytic rule (YAML), an ARM
template's alert rule or a Defender custom detection (Graph JSON). A rule's query runs as
Sentinel or Defender runs it, and positions are the rule file's lines.

Options:
  --events [Table=]PATH…     event files or folders (repeat the option, or list several after it)
  --externaldata URI=FILE…   read FILE (.csv with a header row, .json, .jsonl) where the detection's
                             externaldata names URI; nothing is fetched from the network
  --watchlist ALIAS=FILE…    read the watchlist CSV FILE (header row first; its first column is the
                             search key) where the detection calls _GetWatchlist('ALIAS')
  --now DATETIME             pin now() and ago(), e.g. 2024-05-01T12:00:00Z (default: the clock)
  --format table|json|csv    output format (default table)
  --explain                  add, per row, the predicates it passed and the case() branch that
                             fired, and count the rows each predicate dropped
  ${BLOCK_HELP}
  --schema defender|sentinel|both   the tables the detection runs against (default: the spec's,
                             else the rule file's product, else defender)
  --connection NAME          run on a service's data instead (kql-detect run --connection NAME --help)
  -h, --help                 show this help

Exit codes: 0 the detection ran, 1 it ran with errors (e.g. not supported locally),
2 bad arguments, unreadable files or bad events.
`;

export function runCommand(args: string[], output: Output): number | Promise<number> {
  // On a service, the command has its own options and reports: see serviceRun.ts.
  if (args.some((a) => a === '--connection' || a.startsWith('--connection='))) return serviceRunCommand(args, output);
  const { values, positionals } = parse(
    args,
    { events: { type: 'string', multiple: true }, externaldata: { type: 'string', multiple: true }, watchlist: { type: 'string', multiple: true }, now: { type: 'string' }, format: { type: 'string' }, explain: { type: 'boolean' }, block: { type: 'string' }, ...schemaOption },
    'run',
  );
  if (values.help) {
    output.out(RUN_HELP);
    return EXIT_OK;
  }
  const { detection, eventArgs } = detectionAndEvents(positionals, values.events, 'run');
  const format = choice(values.format, ['table', 'json', 'csv'] as const, 'table', 'format');
  const now = dateTimeOption(values.now, 'now');

  const { query, hostText, environment } = commandQuery(detection, values.block, chosenSchema(values.schema));
  const text = query.text;
  const events = bindEvents(eventArgs, text, environment, output);
  const provider = withExternalFiles(events.provider, {
    externalData: new Map(pairs(values.externaldata, 'externaldata', 'URI')),
    watchlists: new Map(pairs(values.watchlist, 'watchlist', 'ALIAS').map(([alias, file]) => [alias, { file }])),
  });

  const run = runQuery(text, environment, { now, provider, explain: values.explain === true });
  events.report();
  const lines = lineIndex(hostText);
  for (const d of run.diagnostics) output.err(`${detection}:${formatAt(lines, query.toHost(d.start))}: ${d.severity}: ${d.message} [${d.code}]\n`);
  // Bad values are found as columns are decoded, so they are known only after the run.
  const problems = [...[...events.tables.values()].flatMap((t) => t.problems()), ...provider.problems()];
  for (const problem of problems) output.err(`${formatProblem(problem)}\n`);
  for (const read of events.tables.values()) for (const field of read.unknownFields()) output.err(`${formatProblem({ ...field, message: `warning: ${field.message}` })}\n`);
  if (problems.length > 0) return EXIT_USAGE;

  if (format === 'json') {
    const results = run.results.map((r) => ({ columns: r.columns, rows: toJsonRows(r), ...(r.trace ? { explain: explainJson(r, text) } : {}) }));
    output.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  } else {
    for (const result of run.results) {
      output.out(format === 'csv' ? toCsv(result) : toTextTable(result));
      if (result.trace && format === 'table') output.out(explainText(result.trace, text, provider));
    }
  }
  return run.diagnostics.some((d) => d.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

/** `KEY=FILE` option values as [key, file]; the key is everything before the last `=`. */
function pairs(values: string[] | undefined, option: string, key: string): [string, string][] {
  return (values ?? []).map((value) => {
    const at = value.lastIndexOf('=');
    if (at <= 0 || at === value.length - 1) throw new UsageError(`--${option} takes ${key}=FILE, not '${value}'`);
    return [value.slice(0, at), value.slice(at + 1)];
  });
}

function formatAt(lines: ReturnType<typeof lineIndex>, offset: number): string {
  const { line, column } = lines.positionAt(offset);
  return `${line}:${column}`;
}

export interface BoundFiles {
  provider: TableProvider;
  tables: Map<string, EventFiles | DeferredEvents>;
  /** Prints how many events each table read (known once the query ran). */
  report(): void;
}

/** Binds `[Table=]FILE` arguments to tables (see RUN_HELP for how a file finds its table). */
export function bindEvents(args: string[], text: string, environment: Environment, output: Output): BoundFiles {
  const known = new Set(environment.tables.map((t) => t.name));
  const byTable = new Map<string, string[]>();
  let referenced: string[] | undefined;
  for (const { table: named, file } of expandEventArgs(args)) {
    let table = named;
    if (!table) {
      const stem = basename(file).split('.')[0];
      if (known.has(stem)) table = stem;
    }
    if (!table) {
      referenced ??= tablesReadBy(text, environment);
      if (referenced.length !== 1) {
        const which = referenced.length === 0 ? 'the detection reads no known table' : `the detection reads ${referenced.join(', ')}`;
        throw new UsageError(`cannot tell which table ${file} holds (${which}): pass --events Table=${file}`);
      }
      table = referenced[0];
    }
    byTable.set(table, [...(byTable.get(table) ?? []), file]);
  }

  const tables: BoundFiles['tables'] = new Map();
  const filesOf = new Map<string, string[]>();
  for (const [name, files] of byTable) {
    const schema = tableColumns(environment, name);
    // With a known schema the files are read when the query runs, filtered as they are read;
    // without one, the first file is read now to infer it.
    tables.set(name, schema ? deferredEventFiles(files, schema, undefined) : readEventFiles(files, schema));
    filesOf.set(name, files);
  }
  const report = () => {
    for (const [name, read] of tables) {
      const count = ('eventsRead' in read ? read.eventsRead() : undefined) ?? read.table.rowCount;
      output.err(`${name}: ${count} event${count === 1 ? '' : 's'} from ${filesOf.get(name)!.join(', ')}\n`);
    }
  };
  return { tables, report, provider: { table: (name) => tables.get(name)?.table, tableNames: () => [...tables.keys()] } };
}

/** `[Table=]path` arguments, with folders replaced by the event files in them. */
function expandEventArgs(args: string[]): { table?: string; file: string }[] {
  return args.flatMap((arg) => {
    const explicit = /^([A-Za-z_]\w*)=(.+)$/.exec(arg);
    const path = explicit?.[2] ?? arg;
    const files = findFiles([path], isEventFile);
    if (files.length === 0) throw new UsageError(`${path}: no event files (.jsonl, .ndjson, .json, .csv) in this folder`);
    return files.map((file) => ({ table: explicit?.[1], file }));
  });
}

/** Names of the environment's tables the query refers to. */
function tablesReadBy(text: string, environment: Environment): string[] {
  const names = new Set<string>();
  walk(analyzeQuery(text, environment).syntax, (node) => {
    if (node.symbol?.kind === 'Table') names.add(node.symbol.name);
  });
  return [...names];
}

function snippet(text: string, span: Span): string {
  const raw = text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return raw.length > 80 ? raw.slice(0, 79) + '…' : raw;
}

function origin(trace: RowTrace, provider: TableProvider): string {
  const source = trace.sources[0];
  const at = source ? provider.table(source.table)?.source?.(source.row) : undefined;
  return at ? `${at.file}:${at.line}` : source ? `${source.table} row ${source.row + 1}` : '';
}

function explainText(trace: ExplainTrace, text: string, provider: TableProvider): string {
  const lines = ['', 'Explain:'];
  trace.rows.forEach((row, i) => {
    lines.push(`  row ${i + 1}  (${origin(row, provider)})`);
    for (const span of row.passed) lines.push(`    passed   ${snippet(text, span)}`);
    for (const branch of row.branches) {
      const which = branch.branch === 'else' ? 'else' : `branch ${branch.branch + 1}`;
      lines.push(`    ${branch.column} ← ${which}: ${snippet(text, branch.span)}`);
    }
  });
  const dropped = new Map<string, number>();
  for (const row of trace.dropped) {
    const key = snippet(text, row.droppedBy);
    dropped.set(key, (dropped.get(key) ?? 0) + 1);
  }
  if (dropped.size > 0) {
    lines.push('  dropped rows, by the first predicate that was not true:');
    for (const [predicate, count] of dropped) lines.push(`    ${String(count).padStart(6)}  ${predicate}`);
  }
  return lines.join('\n') + '\n';
}

function explainJson(result: ResultTable, text: string) {
  const trace = result.trace!;
  return {
    rows: trace.rows.map((row) => ({
      sources: row.sources,
      passed: row.passed.map((span) => snippet(text, span)),
      branches: row.branches.map((b) => ({ column: b.column, branch: b.branch, predicate: snippet(text, b.span) })),
    })),
    dropped: trace.dropped.map((row) => ({ sources: row.sources, droppedBy: snippet(text, row.droppedBy) })),
  };
}
