// `kql-detect catalog`: the RMM catalog the detection rules check against.

import { bundledCatalog, DEFAULT_CATEGORIES, type CatalogFamily } from '../../catalog/catalog';
import { choice, parse } from '../args';
import { EXIT_OK, UsageError } from '../exit';
import type { Output } from '../output';
import { coverageCommand } from './coverage';

export const CATALOG_HELP = `Usage: kql-detect catalog [options]
       kql-detect catalog coverage <detection.kql> [options]

Lists the RMM families of the bundled catalog (generated from LOLRMM) with their binaries,
most common first. 'catalog coverage' shows what a detection catches of them (see
kql-detect catalog coverage --help).

Options:
  --category NAME…   only these categories (repeatable; default: ${DEFAULT_CATEGORIES.join(', ')};
                     others: tunnel, file-transfer, remote-shell); 'all' for every family
  --format text|json output format (default text)
  -h, --help         show this help

Exit codes: 0 listed, 2 bad arguments.
`;

export function catalogCommand(args: string[], output: Output): number {
  if (args[0] === 'coverage') return coverageCommand(args.slice(1), output);
  const { values, positionals } = parse(args, { category: { type: 'string', multiple: true }, format: { type: 'string' } }, 'catalog');
  if (values.help) {
    output.out(CATALOG_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`unknown catalog subcommand '${positionals[0]}' (see kql-detect catalog --help)`);
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const categories = values.category ?? [...DEFAULT_CATEGORIES];
  const catalog = bundledCatalog();
  const families = categories.includes('all') ? catalog.inScope({ includeCategories: [...new Set(catalog.families.map((f) => f.category))] }) : catalog.inScope({ includeCategories: categories });

  if (format === 'json') {
    output.out(JSON.stringify(families.map(({ id, name, category, binaries, patterns }) => ({ id, name, category, binaries, patterns })), null, 2) + '\n');
    return EXIT_OK;
  }
  const lines = families.map(describe);
  lines.push(`${families.length} famil${families.length === 1 ? 'y' : 'ies'} (${categories.join(', ')})`);
  output.out(lines.join('\n') + '\n');
  return EXIT_OK;
}

function describe(family: CatalogFamily): string {
  const binaries = [...family.binaries, ...family.patterns];
  return `${family.name} [${family.category}]: ${binaries.length > 0 ? binaries.join(', ') : '(no binaries known)'}`;
}
