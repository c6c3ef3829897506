// Robustness: every query of the public corpus (data/kql-corpus, each under its
// repository's licence, see its README) compiles and runs on small generated tables without a
// throw or a hang. Each query gets a deadline enforced by cancellation, not a timing assertion.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { runQuery, type EngineDiagnostic } from '../../../server/src/engine/index';
import { generatedTables } from '../../../server/src/engine/generatedTables';
import { environmentFor } from '../../../server/src/kusto/environment';
import { NOW } from './helpers';

interface CorpusQuery {
  id: string;
  query: string;
  is_command: boolean;
}

/** Every query by default (a few minutes of CPU); KQL_CORPUS_STRIDE=N runs every N-th, for quick local runs. */
const STRIDE = Number(process.env.KQL_CORPUS_STRIDE ?? 1);

const corpus: CorpusQuery[] = readFileSync(resolve('data/kql-corpus/queries.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusQuery);

const environment = environmentFor('both');

test(`${STRIDE === 1 ? 'every' : `every ${STRIDE}th`} corpus query runs without a throw, a hang or an internal error`, () => {
  const provider = generatedTables(environment, NOW);
  const counts = new Map<string, number>();
  const internal: string[] = [];
  let ran = 0;
  for (let i = 0; i < corpus.length; i += STRIDE) {
    const entry = corpus[i];
    if (entry.is_command) continue;
    ran++;
    const result = runQuery(entry.query, environment, { now: NOW, provider, deadline: Date.now() + 2000, maxRows: 100_000 });
    const outcome = result.diagnostics.length === 0 ? 'ok' : result.diagnostics[0].code;
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    const bad = result.diagnostics.find((d: EngineDiagnostic) => d.message.startsWith('internal engine error'));
    if (bad) internal.push(`${entry.id}: ${bad.message}`);
  }
  assert.ok(ran > 0);
  assert.deepEqual(internal, [], 'internal errors');
  console.log(`corpus: ${ran} queries,`, Object.fromEntries(counts));
});
