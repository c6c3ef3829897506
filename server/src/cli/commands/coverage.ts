// `kql-detect catalog coverage <detection>`: which catalog families and binaries a detection
// catches, and how its classifier labels them. Composed from the rules' view of a detection.

import { DEFAULT_CATEGORIES, type CatalogFamily } from '../../catalog/catalog';
import { analyzeDocument } from '../../kusto/analyze';
import { BlockContext } from '../../rules/context';
import { catalogFor } from '../../rules/options';
import { choice, parse } from '../args';
import { BLOCK_HELP, commandQuery } from '../detection';
import { EXIT_OK, UsageError } from '../exit';
import type { Output } from '../output';
import { chosenSchema, schemaOption } from '../schema';

export const COVERAGE_HELP = `Usage: kql-detect catalog coverage <detection> [options]

Checks every binary of every RMM family in scope against the detection's binary lists, and
shows which ones it lets through and the label its case()/iff() classifier gives them. The
detection is a .kql file or a rule file (Sentinel analytic rule YAML, ARM template, Defender
custom detection JSON).

Options:
  --category NAME…   families in scope by category (repeatable; default: ${DEFAULT_CATEGORIES.join(', ')})
  --family ID…       exactly these families (repeatable; overrides --category)
  --format text|json output format (default text)
  ${BLOCK_HELP}
  --schema defender|sentinel|both   the tables the detection runs against (default: the spec's,
                     else the rule file's product, else defender)
  -h, --help         show this help

Exit codes: 0 the table was printed, 2 bad arguments, an unreadable file, or no binary list
against a process-name column found in the detection.
`;

export interface FamilyCoverage {
  id: string;
  name: string;
  category: string;
  binaries: number;
  caught: string[];
  missed: string[];
  /** Label the classifier gives each caught binary (`default` label for its else branch). */
  labels: Record<string, string>;
}

const MAX_UNCOVERED_NAMED = 10;

export function coverageCommand(args: string[], output: Output): number {
  const { values, positionals } = parse(
    args,
    { category: { type: 'string', multiple: true }, family: { type: 'string', multiple: true }, format: { type: 'string' }, block: { type: 'string' }, ...schemaOption },
    'catalog coverage',
  );
  if (values.help) {
    output.out(COVERAGE_HELP);
    return EXIT_OK;
  }
  const [detection, ...extra] = positionals;
  if (!detection || extra.length > 0) throw new UsageError('catalog coverage needs exactly one detection file (see kql-detect catalog coverage --help)');
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const { query, asOneQuery, environment } = commandQuery(detection, values.block, chosenSchema(values.schema));
  const text = query.text;
  const { catalog } = catalogFor({});
  const scope = { families: values.family, includeCategories: values.category };
  const analysis = analyzeDocument(text, environment, asOneQuery);
  const context = analysis.blocks
    .filter((block) => !block.isEmpty)
    .map((block) => new BlockContext(text, block.syntax, catalog, scope))
    .find((candidate) => candidate.rmmLists.length > 0);
  if (!context) throw new UsageError(`${detection}: found no list of RMM binaries filtered against a process-name column`);

  const families = catalog.inScope(scope).filter((f) => f.binaries.length > 0);
  const coverage = families.map((family) => familyCoverage(context, family));
  if (format === 'json') {
    output.out(JSON.stringify(coverage, null, 2) + '\n');
    return EXIT_OK;
  }
  output.out(formatCoverage(detection, coverage));
  return EXIT_OK;
}

function familyCoverage(context: BlockContext, family: CatalogFamily): FamilyCoverage {
  const caught: string[] = [];
  const labels: Record<string, string> = {};
  for (const list of context.rmmLists) {
    const passing = family.binaries.filter((binary) => !caught.includes(binary) && context.listMatches(list, binary));
    caught.push(...passing);
    const classifier = context.classifierFor(list);
    const answers = classifier && passing.length > 0 ? context.classify(classifier, passing) : undefined;
    passing.forEach((binary, i) => {
      const answer = answers?.[i];
      if (!classifier || answer === undefined) return;
      labels[binary] = answer === 'default' ? (classifier.fallback.label ?? 'default') : classifier.branches[answer].label.value;
    });
  }
  return {
    id: family.id,
    name: family.name,
    category: family.category,
    binaries: family.binaries.length,
    caught,
    missed: family.binaries.filter((b) => !caught.includes(b)),
    labels,
  };
}

function formatCoverage(detection: string, coverage: FamilyCoverage[]): string {
  const covered = coverage.filter((c) => c.caught.length > 0);
  const rows = covered.map((c) => {
    const labels = [...new Set(c.caught.map((b) => c.labels[b] ?? '?'))].map((label) => `${label} (${c.caught.filter((b) => (c.labels[b] ?? '?') === label).length})`);
    return [c.name, `${c.caught.length}/${c.binaries}`, labels.join(', '), c.missed.join(', ')];
  });
  const table = [['family', 'caught', 'labelled as', 'missed binaries'], ...rows];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = [`Coverage of ${detection} against the RMM catalog (${coverage.length} families with known binaries in scope)`, ''];
  for (const row of table) lines.push(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
  const uncovered = coverage.filter((c) => c.caught.length === 0);
  lines.push('', `${covered.length} of ${coverage.length} families caught (at least one binary).`);
  if (uncovered.length > 0) {
    const named = uncovered.slice(0, MAX_UNCOVERED_NAMED).map((c) => c.name).join(', ');
    lines.push(`Not caught, most common first: ${named}${uncovered.length > MAX_UNCOVERED_NAMED ? ` and ${uncovered.length - MAX_UNCOVERED_NAMED} more` : ''}.`);
  }
  return lines.join('\n') + '\n';
}
