// How much of the corpus's valid security queries the local engine runs: each query of
// data/kql-corpus (category security, not a command, no error from Microsoft's parser with our
// schemas) is run on generated tables with the `both` schema, and the queries that do not run are
// counted by their first blocking reason. Prints a Markdown table for docs/ENGINE.md.
// Run: npm run support:corpus   (writes every query's status to --json FILE when given)

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { firstReasons, supportOf, type Support } from '../server/src/engine/support';
import { environmentFor } from '../server/src/kusto/environment';

interface CorpusQuery {
  id: string;
  category: string;
  is_command: boolean;
  official_errors_with_schemas: number;
  query: string;
}

/** A fixed now() (2026-01-15T12:00:00Z), so the figures do not move with the clock. */
const NOW = BigInt(Date.UTC(2026, 0, 15, 12)) * 10_000n;

const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;

const queries = readFileSync(resolve('data/kql-corpus/queries.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusQuery)
  .filter((q) => q.category === 'security' && !q.is_command && q.official_errors_with_schemas === 0);

const environment = environmentFor('both');
const results: (Support & { id: string })[] = queries.map((q) => ({ id: q.id, ...supportOf(q.query, environment, { now: NOW }) }));
const runs = results.filter((r) => r.status === 'runs').length;

const lines = [
  `${runs} of ${results.length} valid security queries run locally (${((runs / results.length) * 100).toFixed(1)}%)`,
  '',
  '| first blocking reason | queries |',
  '|---|---|',
  ...firstReasons(results).map(([reason, count]) => `| ${reason.replace(/\|/g, '\\|').replace(/\n/g, ' ')} | ${count} |`),
];
console.log(lines.join('\n'));
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results.map(({ id, status, reasons }) => ({ id, status, reasons: reasons.map((r) => r.message) })), null, 1) + '\n');
