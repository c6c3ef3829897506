// `kql-detect tune`: the exclusions that would silence one false-positive event, each with its
// blast radius (sample alerts removed, spec true positives lost, attack variants silenced), so
// tuning can be reviewed in CI or a pull request before anyone edits the detection.

import { resolve } from 'node:path';
import { fileHost } from '../../preview/fileHost';
import { fileSpecHost } from '../../testing/fileHost';
import { clauseOf, rankedProposals, scopeOf, summary, tuningSources, type Proposal, type TuningEvent } from '../../tuning/index';
import { namesMentioned, queryBlocks } from '../../kusto/blocks';
import { choice, detectionArgument, parse } from '../args';
import { BLOCK_HELP, commandQuery } from '../detection';
import { EXIT_OK, UsageError } from '../exit';
import { mustReadText } from '../files';
import type { Output } from '../output';
import { chosenSchema, schemaOption } from '../schema';

export const TUNE_HELP = `Usage: kql-detect tune <detection> --event FILE:LINE [options]

Proposes exclusions for the false positive on line LINE of the JSON Lines file FILE, narrowest
first, and measures each: the sample alerts it removes, the test spec's true positives it loses,
and the attack variants (catalog tools and mutated true positives the detection alerts on) it
silences. Ranked: keeps every true positive, then fewest variants silenced, then fewest alerts
removed. Sample events and the spec are found as in the editor. The detection is a .kql file or
a rule file (Sentinel analytic rule YAML, ARM template, Defender custom detection JSON).

Options:
  --event FILE:LINE          the false-positive event (1-based line of a .jsonl file)
  --table NAME               its table, when neither the spec nor the detection says
  --format text|json         output (default text)
  ${BLOCK_HELP}
  --schema defender|sentinel|both   the tables (default: the spec's, else the rule file's
                             product, else defender)
  -h, --help                 show this help

Exit codes: 0 proposals listed (or none fit), 2 bad arguments or an unreadable event.
`;

export interface TuneReport {
  kind: string;
  scope: string;
  clause: string;
  preferred: boolean;
  force: boolean;
  removes: { alerts: number; truePositives: string[] };
  variants: { checked: number; silenced: { name: string; event: Record<string, string> }[] };
  warnings: string[];
}

export function tuneCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(args, { event: { type: 'string' }, table: { type: 'string' }, format: { type: 'string' }, block: { type: 'string' }, ...schemaOption }, 'tune');
  if (values.help) {
    output.out(TUNE_HELP);
    return EXIT_OK;
  }
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const { detection } = detectionArgument(positionals, 'tune');
  if (!values.event) throw new UsageError('tune needs --event FILE:LINE');
  const path = resolve(detection);
  const { query, environment, resolved } = commandQuery(path, values.block, chosenSchema(values.schema));
  // A rule's query is tuned as its own text; the exclusions are the same clauses in the rule.
  const text = query.text;
  const spec = resolved.spec?.spec;
  const fields = eventAt(values.event);
  const table = values.table ?? tableOf(text, environment.tables.map((t) => t.name), spec?.tables.keys());
  const event: TuningEvent = { table, fields };

  const sources = tuningSources(path, text, environment, { files: fileHost, specs: fileSpecHost }, { clockMs: Date.now() });
  const proposals = rankedProposals(text, event, sources);
  const reports = proposals.map(reportOf);
  if (format === 'json') output.out(JSON.stringify(reports, null, 2));
  else output.out(proposals.length === 0 ? 'No exclusion fits this event that the detection can express.' : proposals.map(textOf).join('\n\n'));
  return EXIT_OK;
}

function reportOf(proposal: Proposal): TuneReport {
  const { impact, exclusion } = proposal;
  const warnings = [...impact.problems, ...proposal.notes];
  if (impact.truePositives === 0) warnings.unshift(`no true positives to check against: ${impact.variants.silenced.length} attack variant${impact.variants.silenced.length === 1 ? '' : 's'} silenced`);
  return {
    kind: exclusion.kind,
    scope: scopeOf(exclusion),
    clause: clauseOf(exclusion),
    preferred: proposal.preferred,
    force: proposal.force,
    removes: { alerts: impact.removed.length, truePositives: impact.truePositivesLost },
    variants: { checked: impact.variants.checked, silenced: impact.variants.silenced.map((v) => ({ name: v.name, event: { ...v.event.fields } })) },
    warnings,
  };
}

function textOf(proposal: Proposal): string {
  const mark = proposal.force ? '!' : proposal.preferred ? '*' : '-';
  const lines = [`${mark} ${proposal.title}`, `    scope:  ${scopeOf(proposal.exclusion)}`, `    clause: ${clauseOf(proposal.exclusion)}`];
  for (const variant of proposal.impact.variants.silenced) lines.push(`    silences ${variant.name}`);
  for (const problem of proposal.impact.problems) lines.push(`    warning: ${problem}`);
  for (const note of proposal.notes) lines.push(`    note: ${note}`);
  if (proposal.impact.truePositives === 0) lines.push(`    warning: ${summary(proposal.impact).split('; ')[1]}`);
  return lines.join('\n');
}

/** The event on `FILE:LINE`, its values as text (objects and arrays as JSON). */
function eventAt(where: string): Record<string, string> {
  const match = /^(.*):(\d+)$/.exec(where);
  if (!match) throw new UsageError(`--event must be FILE:LINE, not '${where}'`);
  const [, file, line] = match;
  if (!/\.(jsonl|ndjson)$/i.test(file)) throw new UsageError(`--event reads JSON Lines files (.jsonl, .ndjson), not '${file}'`);
  const text = mustReadText(file).split('\n')[Number(line) - 1];
  if (text === undefined || text.trim() === '') throw new UsageError(`${file}:${line}: no event on that line`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}:${line}: not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${file}:${line}: an event is a JSON object`);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (value === null || value === '') continue;
    fields[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return fields;
}

/** The one table the spec binds or the detection reads. */
function tableOf(text: string, known: string[], specTables: Iterable<string> | undefined): string {
  const fromSpec = specTables ? [...specTables] : [];
  const read = fromSpec.length > 0 ? fromSpec : [...new Set(queryBlocks(text).flatMap((block) => [...namesMentioned(block.text, new Set(known))]))];
  if (read.length !== 1) throw new UsageError(`say which table the event belongs to with --table (the detection reads ${read.join(', ') || 'no known table'})`);
  return read[0];
}
