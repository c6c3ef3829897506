// The inliner: a detection rewritten with its events as datatables gives the same rows on the
// local engine as the detection on bound tables, and Kusto.Language parses the rewrite.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runQuery, type ResultTable } from '../../../server/src/engine/index';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { ColumnSchema, Table, TableProvider } from '../../../server/src/engine/table';
import type { ScalarType, Value } from '../../../server/src/engine/values';
import { generatedTables } from '../../../server/src/engine/generatedTables';
import { parseQuery } from '../../../server/src/kusto/analyze';
import { environmentFor } from '../../../server/src/kusto/environment';
import { inlineQuery, type InlinedQuery } from '../../../server/src/inline/rewrite';
import { inlineSpec } from '../../../server/src/inline/spec';
import { fileSpecHost, loadSpec, runSpec } from '../../../server/src/testing/index';
import { analysisEnvironment } from '../../../server/src/testing/run';
import { NOW } from '../engine/helpers';

const defender = environmentFor('defender');
const sentinel = environmentFor('sentinel');

function provider(tables: Record<string, Table>): TableProvider {
  return { table: (name) => tables[name], tableNames: () => Object.keys(tables) };
}

/** Rows as comparable text: bigints (datetime, timespan) and NaN survive the round trip. */
function rowsText(result: ResultTable): string[] {
  return result.rows.map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)));
}

function assertSameResult(inlined: ResultTable, original: ResultTable, label: string): void {
  assert.deepEqual(inlined.columns, original.columns, `${label}: columns`);
  assert.deepEqual(rowsText(inlined), rowsText(original), `${label}: rows`);
}

function assertParses(query: InlinedQuery, label: string): void {
  assert.deepEqual(parseQuery(query.text).map((d) => d.message), [], `${label}: Kusto.Language parses the inlined query`);
}

/** Runs the inlined text with no tables at all: it must be self-contained. */
function runInlined(query: InlinedQuery, environment = analysisEnvironment(defender), now = NOW): ResultTable {
  const run = runQuery(query.text, environment, { now });
  assert.deepEqual(run.diagnostics, [], 'the inlined query runs locally');
  return run.results[0];
}

test('every value type survives the datatable round trip, nulls and edge values included', () => {
  const schema: ColumnSchema[] = (['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic'] as ScalarType[]).map((type) => ({ name: `c_${type}`, type }));
  const rows: Value[][] = [
    [true, -7, 9007199254740991, 1.5e-300, 2.25, 'quote " back\\slash\nnew\tline ünï', 1n, -36_000_000_001n, '6f7b0e7a-1c1f-4a0e-9a1a-1a1a1a1a1a1a', { a: [1, 'x', null], 'b c': { d: true } }],
    [null, null, null, Number.NaN, null, '', null, null, null, null],
    [false, 0, -1, Number.POSITIVE_INFINITY, -0.5, 'C:\\Users\\Public\\x.exe', -621355968000000000n, 0n, '00000000-0000-0000-0000-000000000000', 'text'],
    [true, 1, 2, Number.NEGATIVE_INFINITY, 1, '', 2_534_023_007_999_999_999n, 863_999_999_999_999n, null, [1, 2]],
  ];
  const table = memoryTable(schema, rows);
  const text = 'Events | project c_bool, c_int, c_long, c_real, c_decimal, c_string, c_datetime, c_timespan, c_guid, c_dynamic';
  const tables = provider({ Events: table });
  const original = runQuery(text, analysisEnvironment(defender), { now: NOW, provider: tables });
  assert.deepEqual(original.diagnostics, []);
  const inlined = inlineQuery({ text, provider: tables, now: NOW, environment: analysisEnvironment(defender) });
  assert.deepEqual(inlined.problems, []);
  assertParses(inlined, 'types');
  assertSameResult(runInlined(inlined), original.results[0], 'types');
});

test('now() and ago() read the pinned datetime, also nested and with an offset', () => {
  const table = memoryTable([{ name: 'Timestamp', type: 'datetime' }], [[NOW - 10n], [NOW - 36_000_000_000n * 30n]]);
  const text = 'T | where Timestamp > ago(1h) and Timestamp <= now() | extend Since = now(-1h) - ago(ago(1d) - now())';
  const inlined = inlineQuery({ text, provider: provider({ T: table }), now: NOW, environment: analysisEnvironment(defender) });
  assert.deepEqual(inlined.problems, []);
  assert.ok(!/\b(now|ago)\s*\(/.test(inlined.text.replace(/^\/\/.*$/gm, '')), inlined.text);
  const later = NOW + 1_000_000_000_000n; // the inlined query does not read the clock
  const original = runQuery(text, analysisEnvironment(defender), { now: NOW, provider: provider({ T: table }) });
  assertSameResult(runInlined(inlined, analysisEnvironment(defender), later), original.results[0], 'now');
});

test('a watchlist and an externaldata become inline rows: what the engine reads for the alias and the URI', () => {
  const items = memoryTable([{ name: 'SearchKey', type: 'string' }], [['ws-1']]);
  const allow = memoryTable([{ name: 'Account', type: 'string' }, { name: 'Weight', type: 'real' }], [['alice', 3], ['bob', 1]]);
  const logons = memoryTable([{ name: 'Computer', type: 'string' }, { name: 'Account', type: 'string' }], [['ws-1', 'alice'], ['ws-2', 'bob'], ['ws-1', 'carol']]);
  const text = `let Allow = externaldata(Account:string, Weight:real)[@"https://example.invalid/allow.csv"] with(format="csv");
Logons
| where Computer in ((_GetWatchlist('hosts') | project SearchKey))
| join kind=leftouter Allow on Account
| project Computer, Account, Weight`;
  const tables: TableProvider = {
    ...provider({ Logons: logons }),
    watchlist: (alias) => (alias === 'hosts' ? items : undefined),
    externalData: (request) => (request.urls[0] === 'https://example.invalid/allow.csv' ? allow : undefined),
  };
  const original = runQuery(text, sentinel, { now: NOW, provider: tables });
  assert.deepEqual(original.diagnostics, []);
  const inlined = inlineQuery({ text, provider: tables, now: NOW, environment: sentinel });
  assert.deepEqual(inlined.problems, []);
  assert.ok(!inlined.text.includes('externaldata') && !inlined.text.includes('_GetWatchlist'), inlined.text);
  assertParses(inlined, 'externaldata');
  const result = runInlined(inlined, sentinel);
  assertSameResult(result, original.results[0], 'watchlist and externaldata');
  assert.deepEqual(result.rows, [['ws-1', 'alice', 3], ['ws-1', 'carol', null]]);
  const unbound = inlineQuery({ text, provider: provider({ Logons: logons }), now: NOW, environment: sentinel });
  assert.deepEqual(unbound.problems.map((p) => p.message), [
    'externaldata from https://example.invalid/allow.csv: no local file is bound to this URI, so its rows cannot be inlined',
    "_GetWatchlist('hosts'): no watchlist is bound to this alias, so its items cannot be inlined",
  ]);
});

test('what cannot be made self-contained is refused with a located reason', () => {
  const text = 'DeviceProcessEvents | join (DeviceNetworkEvents) on DeviceId | union (table("DeviceFileEvents"))';
  const tables = provider({ DeviceProcessEvents: memoryTable([{ name: 'DeviceId', type: 'string' }], []) });
  const inlined = inlineQuery({ text, provider: tables, now: NOW, environment: defender });
  assert.equal(inlined.text, '');
  assert.deepEqual(
    inlined.problems.map((p) => `${text.slice(p.start, p.end)}: ${p.message}`),
    [
      'DeviceNetworkEvents: reads DeviceNetworkEvents, which the spec binds no events to: on a service it would read the real table',
      'table("DeviceFileEvents"): table() names data outside the query: it cannot be inlined',
    ],
  );
});

test('offsets in the inlined query map back to the detection', () => {
  const text = 'set query_take_max_records=10;\nT | where Timestamp > ago(1d) | where Name == "x" | take 1';
  const table = memoryTable([{ name: 'Timestamp', type: 'datetime' }, { name: 'Name', type: 'string' }], [[NOW, 'x']]);
  const inlined = inlineQuery({ text, provider: provider({ T: table }), now: NOW, environment: analysisEnvironment(defender) });
  assert.deepEqual(inlined.problems, []);
  assert.ok(inlined.text.startsWith('set query_take_max_records=10;\n// Self-contained: T (1 event)'), inlined.text);
  for (const word of ['T |', 'Name ==', 'take 1', 'set query']) {
    assert.equal(inlined.originalOffset(inlined.text.indexOf(word)), text.indexOf(word), word);
  }
  assert.equal(inlined.originalOffset(inlined.text.indexOf('datetime(')), undefined, 'inside the inlined rows');
  assert.equal(inlined.originalOffset(inlined.text.indexOf('> datetime(') + 5), text.indexOf('ago(1d)'), 'inside a replaced ago()');
});

function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? specFiles(path) : entry.endsWith('.test.yaml') ? [path] : [];
  });
}

for (const file of specFiles('examples')) {
  test(`every case of ${file}: the inlined detection gives the local result on the bound tables`, () => {
    const host = fileSpecHost;
    const loaded = loadSpec(readFileSync(file, 'utf8'), file);
    assert.ok(loaded.spec, `${file} loads`);
    const local = runSpec(loaded.spec, host);
    const inlined = inlineSpec(loaded.spec, host, { clockMs: 0 });
    assert.equal(inlined.cases.length, local.cases.length);
    const environment = analysisEnvironment(environmentFor(loaded.spec.schema));
    for (const [index, testCase] of inlined.cases.entries()) {
      const label = `${file}: ${testCase.testCase.name}`;
      assert.deepEqual(testCase.problems, [], label);
      assertParses(testCase.query!, label);
      const result = local.cases[index].result;
      assert.ok(result, `${label}: the local run has a result`);
      assertSameResult(runInlined(testCase.query!, environment, inlined.now), result, label);
    }
  });
}

interface CorpusQuery {
  id: string;
  query: string;
  is_command: boolean;
  category: string;
}

const environment = environmentFor('both');
const corpus = readFileSync(resolve('data/kql-corpus/queries.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusQuery)
  .filter((q) => !q.is_command && q.category === 'security');

/** Queries whose result depends on more than their input rows. */
const NONDETERMINISTIC = /\b(rand|new_guid|sample|sample-distinct)\b/;

test('every 30th security query of the corpus (each under its repository\'s licence, see data/kql-corpus/README.md): on generated events the inlined query gives the local result', () => {
  const tables = generatedTables(environment, NOW);
  let compared = 0;
  let refused = 0;
  for (let i = 0; i < corpus.length; i += 30) {
    const entry = corpus[i];
    if (NONDETERMINISTIC.test(entry.query)) continue;
    const original = runQuery(entry.query, environment, { now: NOW, provider: tables, deadline: Date.now() + 2000, maxRows: 10_000 });
    if (original.diagnostics.length > 0 || original.results.length !== 1) continue;
    const inlined = inlineQuery({ text: entry.query, provider: tables, now: NOW, environment });
    if (inlined.problems.length > 0) {
      refused++;
      continue;
    }
    assertParses(inlined, entry.id);
    const rerun = runQuery(inlined.text, environment, { now: NOW + 1n, deadline: Date.now() + 4000, maxRows: 10_000 });
    assert.deepEqual(rerun.diagnostics, [], `${entry.id}: the inlined query runs`);
    assert.equal(rerun.results.length, 1, entry.id);
    assertSameResult(rerun.results[0], original.results[0], entry.id);
    compared++;
  }
  assert.ok(compared >= 40, `compared ${compared} queries`);
  console.log(`corpus inlining: ${compared} compared, ${refused} refused`);
});

test('ingestion_time() is refused: a datatable cannot carry the bound rows’ ingestion times', () => {
  const text = 'DeviceProcessEvents | extend Ingested = ingestion_time()';
  const inlined = inlineQuery({ text, provider: generatedTables(environment, NOW), now: NOW, environment });
  assert.deepEqual(inlined.problems.map((p) => [text.slice(p.start, p.end), p.message]), [['ingestion_time()', 'ingestion_time(): the bound rows’ ingestion times cannot be written into a datatable']]);
});
