// Reads CSV as Defender Advanced Hunting exports it: a header row of column names, then one
// record per row; fields may be quoted, with `""` for a quote and embedded commas and line breaks.
//
// Loading finds where every field starts (one pass); a column's text is cut out and typed only
// when the engine first asks for it, as in the JSON reader.

import type { ColumnSchema } from '../engine/table';
import { emptyValue, type ScalarType, type Value } from '../engine/values';
import { CellError, fromText, parseIsoDateTime } from './convert';
import type { ReadOptions, ReadResult } from './jsonTable';
import { lazyTable } from './lazyTable';
import { LineIndex } from './positions';
import { ProblemLog } from './problems';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const CANCEL_POLL_ROWS = 4096;
const INFERENCE_SAMPLE = 1000;

/**
 * Reads CSV bytes. A record with the wrong number of fields, or an unclosed quote, is reported and
 * skipped. Columns the schema names but the header lacks are empty; header columns the schema
 * lacks are kept as strings. Without a schema, types are inferred from the first 1,000 records.
 */
export function readCsv(bytes: Uint8Array, file: string, options: ReadOptions = {}): ReadResult {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const log = new ProblemLog(file);
  const lines = new LineIndex(bytes, options.firstLine);
  const problem = (offset: number, message: string) => {
    if (log.full) log.add(0, 0, message);
    else {
      const { line, column } = lines.position(offset);
      log.add(line, column, message);
    }
  };

  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const header: number[] = [];
  let pos = scanRecord(buffer, start, header);
  if (pos < 0) {
    problem(start, 'the header row has an unclosed quote');
    pos = buffer.length;
  }
  const names = header.length === 0 || (header.length === 1 && fieldEnd(buffer, header, 0, pos) === header[0]) ? [] : header.map((_, i) => fieldText(buffer, header, i, pos));
  const width = names.length;

  // Field starts, one array per column, plus each record's end (for the last field).
  let capacity = 1024;
  let starts = names.map(() => new Uint32Array(capacity));
  let ends = new Uint32Array(capacity);
  let rowCount = 0;
  const fields: number[] = [];
  while (pos < buffer.length) {
    if (rowCount % CANCEL_POLL_ROWS === 0 && options.isCancelled?.()) {
      log.add(0, 0, `loading cancelled after ${rowCount} record(s)`);
      break;
    }
    const recordStart = pos;
    const next = scanRecord(buffer, pos, fields);
    if (next < 0) {
      problem(recordStart, 'unclosed quote: the rest of the file is one field; record skipped');
      break;
    }
    pos = next;
    const end = recordEnd(buffer, recordStart, next);
    if (end === recordStart) continue; // a blank line
    if (fields.length !== width) {
      problem(recordStart, `expected ${width} field(s) as in the header, found ${fields.length}; record skipped`);
      continue;
    }
    if (rowCount === capacity) {
      capacity *= 2;
      starts = starts.map((old) => grow(old, capacity));
      ends = grow(ends, capacity);
    }
    for (let i = 0; i < width; i++) starts[i][rowCount] = fields[i];
    ends[rowCount] = end;
    rowCount++;
  }

  const cellText = (column: number, row: number): string => {
    const fieldStart = starts[column][row];
    const fieldStop = column + 1 < width ? starts[column + 1][row] - 1 : ends[row];
    return unquote(buffer, fieldStart, fieldStop);
  };
  const columnIndex = new Map(names.map((name, i) => [name, i]));
  const schema = options.schema ? withHeaderColumns(options.schema, names) : names.map((name, i) => ({ name, type: inferType((row) => cellText(i, row), rowCount) }));
  const table = lazyTable(
    schema,
    rowCount,
    (index): Value[] => {
      const column = schema[index];
      const source = columnIndex.get(column.name);
      const values = new Array<Value>(rowCount);
      if (source === undefined) return values.fill(emptyValue(column.type));
      for (let row = 0; row < rowCount; row++) {
        const cell = fromText(cellText(source, row), column.type);
        if (cell instanceof CellError) {
          problem(starts[source][row], `${column.name}: ${cell.message}; value left empty`);
          values[row] = emptyValue(column.type);
        } else values[row] = cell;
      }
      return values;
    },
    (row) => ({ file, line: lines.line(starts[0][row]) }),
    () => log,
  );
  return { table, problems: log.problems };
}

/**
 * Scans one record from `pos`, filling `fields` with each field's start offset. Returns the
 * offset after the record's line break, or -1 if a quote is never closed.
 */
function scanRecord(buffer: Buffer, pos: number, fields: number[]): number {
  fields.length = 0;
  const end = buffer.length;
  let i = pos;
  for (;;) {
    fields.push(i);
    if (buffer[i] === QUOTE) {
      // A quoted field: runs to the next lone quote ("" is an escaped quote).
      i++;
      for (;;) {
        const q = buffer.indexOf(QUOTE, i);
        if (q < 0) return -1;
        if (buffer[q + 1] === QUOTE) i = q + 2;
        else {
          i = q + 1;
          break;
        }
      }
    }
    while (i < end && buffer[i] !== COMMA && buffer[i] !== LF) i++;
    if (i >= end) return end;
    if (buffer[i] === LF) return i + 1;
    i++; // the comma
  }
}

/** The end of the record [start, next) without its line break. */
function recordEnd(buffer: Buffer, start: number, next: number): number {
  let end = next;
  if (end > start && buffer[end - 1] === LF) end--;
  if (end > start && buffer[end - 1] === CR) end--;
  return end;
}

function fieldEnd(buffer: Buffer, fields: number[], i: number, next: number): number {
  return i + 1 < fields.length ? fields[i + 1] - 1 : recordEnd(buffer, fields[0], next);
}

function fieldText(buffer: Buffer, fields: number[], i: number, next: number): string {
  return unquote(buffer, fields[i], fieldEnd(buffer, fields, i, next)).trim();
}

/** The text of the field at [start, end): quotes removed and `""` turned into `"`. */
function unquote(buffer: Buffer, start: number, end: number): string {
  if (buffer[start] !== QUOTE) return buffer.toString('utf8', start, end);
  let close = end - 1;
  while (close > start && buffer[close] !== QUOTE) close--; // text after the closing quote is ignored
  const inner = buffer.toString('utf8', start + 1, close > start ? close : end);
  return inner.includes('"') ? inner.replaceAll('""', '"') : inner;
}

function grow(old: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(capacity);
  grown.set(old);
  return grown;
}

/** The schema, plus (as strings) any header columns it does not name. */
function withHeaderColumns(schema: readonly ColumnSchema[], names: string[]): ColumnSchema[] {
  const known = new Set(schema.map((c) => c.name));
  return [...schema, ...names.filter((name) => !known.has(name)).map((name) => ({ name, type: 'string' as const }))];
}

/**
 * The type of a column from its first non-empty texts: all whole numbers → long; all numbers →
 * real; all true/false → bool; all ISO datetimes → datetime; all JSON objects/arrays → dynamic;
 * otherwise (or all empty) string.
 */
function inferType(text: (row: number) => string, rowCount: number): ScalarType {
  let long = true;
  let real = true;
  let bool = true;
  let datetime = true;
  let dynamic = true;
  let seen = 0;
  for (let row = 0; row < rowCount && seen < INFERENCE_SAMPLE; row++) {
    const value = text(row).trim();
    if (value === '') continue;
    seen++;
    long &&= /^[+-]?\d+$/.test(value);
    real &&= /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value);
    bool &&= /^(?:true|false)$/i.test(value);
    datetime &&= parseIsoDateTime(value) !== undefined;
    dynamic &&= (value[0] === '{' || value[0] === '[') && isJson(value);
  }
  if (seen === 0) return 'string';
  if (long) return 'long';
  if (real) return 'real';
  if (bool) return 'bool';
  if (datetime) return 'datetime';
  if (dynamic) return 'dynamic';
  return 'string';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
