// Compares an engine result with a documented output table (kql-docs-cases, see its README).
//
// The doc prints every cell as text. Each expected cell is parsed by the type of the engine's
// column (known exactly, unlike the doc's guess in `column_kinds`), then compared as a value:
// numbers with a tolerance, datetimes and timespans as ticks, dynamic values as JSON.

import type { ColumnSchema } from '../../server/src/engine/table';
import { formatDateTime, formatTimespan, parseDateTime, parseGuid, parseTimespan, type Dynamic, type ScalarType, type Value } from '../../server/src/engine/values';

export interface ExpectedTable {
  columns: string[];
  rows: string[][];
}

export interface ActualTable {
  columns: readonly ColumnSchema[];
  rows: readonly (readonly Value[])[];
}

export type RowOrder = 'sorted' | 'input-order' | 'unordered';

export interface CompareOptions {
  /** Only `sorted` promises an order; other tables are compared as multisets of rows. */
  order: RowOrder;
  /** The doc elides rows: expected rows need only be found among the actual ones. */
  subset?: boolean;
}

/** Undefined when the tables agree; otherwise one line saying where they first differ. */
export function compareTables(expected: ExpectedTable, actual: ActualTable, options: CompareOptions): string | undefined {
  const actualNames = actual.columns.map((c) => c.name);
  if (expected.columns.length !== actualNames.length || expected.columns.some((name, i) => name !== actualNames[i])) {
    return `columns: expected [${expected.columns.join(', ')}], got [${actualNames.join(', ')}]`;
  }
  const types = actual.columns.map((c) => c.type);
  const cellsMatch = (want: readonly string[], got: readonly Value[]) => want.every((cell, i) => cellMatches(cell, got[i], types[i]));
  if (!options.subset && expected.rows.length !== actual.rows.length) {
    return `row count: expected ${expected.rows.length}, got ${actual.rows.length}${actual.rows.length > 0 ? `; first row ${renderRow(actual.rows[0], types)}` : ''}`;
  }
  if (options.order === 'sorted' && !options.subset) {
    for (let r = 0; r < expected.rows.length; r++) {
      const want = expected.rows[r];
      const got = actual.rows[r];
      for (let c = 0; c < want.length; c++) {
        if (!cellMatches(want[c], got[c], types[c])) return `row ${r + 1}, ${expected.columns[c]}: expected ${JSON.stringify(want[c])}, got ${render(got[c], types[c])}`;
      }
    }
    return undefined;
  }
  // As a multiset: each expected row takes the first unused actual row equal to it.
  const used = new Array<boolean>(actual.rows.length).fill(false);
  for (let r = 0; r < expected.rows.length; r++) {
    const want = expected.rows[r];
    const match = actual.rows.findIndex((got, i) => !used[i] && cellsMatch(want, got));
    if (match < 0) {
      const nearest = nearestRow(want, actual.rows, used, types);
      return `expected row ${r + 1} [${want.map((cell) => JSON.stringify(cell)).join(', ')}] not found${nearest === undefined ? '' : `; nearest ${renderRow(actual.rows[nearest], types)}`}`;
    }
    used[match] = true;
  }
  return undefined;
}

/** The unused actual row that agrees with `want` in the most cells, for the diff message. */
function nearestRow(want: readonly string[], rows: ActualTable['rows'], used: boolean[], types: ScalarType[]): number | undefined {
  let best: number | undefined;
  let bestScore = -1;
  rows.forEach((got, i) => {
    if (used[i]) return;
    const score = want.filter((cell, c) => cellMatches(cell, got[c], types[c])).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

const NULL_CELLS = new Set(['', 'null', '(null)']);

/** Whether the doc's text `cell` denotes `value` of `type`. */
export function cellMatches(cell: string, value: Value, type: ScalarType): boolean {
  const text = cell.trim();
  if (type === 'string') return value === unquoteEmpty(text) || value === cell;
  if (NULL_CELLS.has(text) || text === '""') return value === null || (type === 'dynamic' && value === '');
  if (value === null) return false;
  switch (type) {
    case 'bool':
      return /^(true|1)$/i.test(text) ? value === true : /^(false|0)$/i.test(text) ? value === false : false;
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
    {
      const expected = parseNumber(text);
      return typeof value === 'number' && expected !== undefined && numbersMatch(expected, value, decimalsShown(text));
    }
    case 'datetime':
      return value === parseDateTime(text);
    case 'timespan':
      return value === parseTimespan(text);
    case 'guid':
      return value === parseGuid(text);
    case 'dynamic':
      return dynamicMatches(text, value as Dynamic);
  }
}

function unquoteEmpty(text: string): string {
  return text === '""' ? '' : text;
}

/** A number as the doc prints it: thousands separators, NaN and infinities allowed; undefined if not a number. */
function parseNumber(text: string): number | undefined {
  const plain = text.replace(/,(?=\d{3}\b)/g, '');
  switch (plain.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'infinity':
    case '+infinity':
    case 'inf':
    case '∞':
      return Infinity;
    case '-infinity':
    case '-inf':
    case '-∞':
      return -Infinity;
  }
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain) ? Number(plain) : undefined;
}

/**
 * Docs print up to 17 significant digits, so values agree within a relative 1e-9 (1e-12
 * absolute); a doc that printed fewer decimals (`7.389056`) was rounded there, so half a unit of
 * its last printed decimal is allowed too.
 */
export function numbersMatch(expected: number, actual: number, decimals?: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return expected === actual;
  const rounding = decimals !== undefined && decimals > 0 ? 0.5 * 10 ** -decimals : 0;
  return Math.abs(expected - actual) <= Math.max(1e-12 + 1e-9 * Math.abs(expected), rounding * (1 + 1e-9));
}

/**
 * How many decimals a printed number shows (`7.389056` → 6), when it looks rounded: at least six
 * significant digits (so `1.5` must mean 1.5). Undefined otherwise, and in exponent form.
 */
function decimalsShown(text: string): number | undefined {
  if (/e/i.test(text) || text.replace(/^[^1-9]*/, '').replace(/\D/g, '').length < 6) return undefined;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * A dynamic cell: JSON (often pretty-printed) compared structurally. Some docs print dynamic
 * values that are not JSON (`['a','b']`, `[yes, no]`, a nested bag shown as quoted text); those
 * are compared with the value's JSON text with whitespace and quote marks removed from both.
 */
function dynamicMatches(text: string, value: Dynamic): boolean {
  try {
    return jsonEqual(JSON.parse(text) as Dynamic, value);
  } catch {
    if (typeof value === 'string' && value === text) return true;
    return squeeze(text) === squeeze(JSON.stringify(value));
  }
}

function squeeze(text: string): string {
  return text.replace(/[\s"']+/g, '');
}

function jsonEqual(expected: Dynamic, actual: Dynamic): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return numbersMatch(expected, actual);
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object') return expected === actual;
  if (Array.isArray(expected) || Array.isArray(actual)) {
    return Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => jsonEqual(e, actual[i]));
  }
  const keys = Object.keys(expected);
  return keys.length === Object.keys(actual).length && keys.every((key) => key in actual && jsonEqual(expected[key], actual[key]));
}

/** A value as the doc would print it, for diff messages. */
export function render(value: Value, type: ScalarType): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return type === 'timespan' ? formatTimespan(value) : formatDateTime(value);
  return JSON.stringify(value);
}

function renderRow(row: readonly Value[], types: ScalarType[]): string {
  return `[${row.map((value, i) => render(value, types[i])).join(', ')}]`;
}
