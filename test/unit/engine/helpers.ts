// Shared helpers for the engine's data-driven tests: run a query, render its rows readably.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Environment } from '../../../server/src/kusto/globals';
import { runQuery, type ResultTable, type RunOptions, type RunResult } from '../../../server/src/engine/index';
import type { ColumnSchema } from '../../../server/src/engine/table';
import { formatDateTime, formatTimespan, type Value } from '../../../server/src/engine/values';

export const EMPTY_ENVIRONMENT: Environment = { tables: [], openTables: [], functions: [] };

/** A fixed `now()` for every test: 2026-01-15T12:00:00Z. */
export const NOW = BigInt(Date.UTC(2026, 0, 15, 12)) * 10_000n;

/** The Defender schema of one table, read from data/schemas. */
export function defenderTable(name: string): { name: string; columns: ColumnSchema[] } {
  const json = JSON.parse(readFileSync(resolve('data/schemas/defender-xdr', `${name}.json`), 'utf8')) as {
    columns: { name: string; type: string }[];
  };
  return { name, columns: json.columns.map((c) => ({ name: c.name, type: c.type as ColumnSchema['type'] })) };
}

/** A cell as tests write it: datetimes and timespans as Kusto text, everything else as is. */
export function render(value: Value, type: ColumnSchema['type']): unknown {
  if (typeof value === 'bigint') return type === 'timespan' ? formatTimespan(value) : formatDateTime(value);
  return value;
}

export function renderRows(table: ResultTable): unknown[][] {
  return table.rows.map((row) => row.map((v, i) => render(v, table.columns[i].type)));
}

export function run(query: string, options: RunOptions = {}, environment: Environment = EMPTY_ENVIRONMENT): RunResult {
  return runQuery(query, environment, { now: NOW, ...options });
}

/** Runs `query` and asserts it succeeds with exactly `rows` (in order) in its only result. */
export function check(query: string, rows: unknown[][], options: RunOptions & { columns?: string[]; environment?: Environment } = {}): void {
  const result = run(query, options, options.environment);
  assert.deepEqual(result.diagnostics, [], `diagnostics for: ${query}`);
  assert.equal(result.results.length, 1, 'one result table');
  const table = result.results[0];
  if (options.columns) assert.deepEqual(table.columns.map((c) => c.name), options.columns, `columns of: ${query}`);
  assert.deepEqual(renderRows(table), rows, `rows of: ${query}`);
}

/** Runs `query` and asserts it fails with one diagnostic of `code` whose message contains `fragment`. */
export function checkFails(query: string, code: string, fragment: string, options: RunOptions = {}): void {
  const result = run(query, options);
  assert.deepEqual(result.results, [], `no results for: ${query}`);
  assert.equal(result.diagnostics.length >= 1, true, `a diagnostic for: ${query}`);
  const diagnostic = result.diagnostics[0];
  assert.equal(diagnostic.code, code, `code for: ${query} (${diagnostic.message})`);
  assert.ok(diagnostic.message.includes(fragment), `message "${diagnostic.message}" should contain "${fragment}"`);
}
