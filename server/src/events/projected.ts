// Reads a large JSON Lines file piece by piece, keeping only the columns a query needs.
//
// The lazy reader (jsonTable.ts) keeps the file's bytes so that any column can be decoded later;
// that is the right trade for fixtures and samples, but a full-schema Defender export of a
// million events is about 3 GB, more than fits in memory. When the caller knows the columns it
// needs (those a query references), this reader streams the file and keeps only their values.
//
// Per line it looks for each wanted key with a native byte search for `"Key":` instead of
// scanning every byte in JavaScript. That match is only trusted where it must be the top-level
// key: its quote is a real delimiter (preceded by an even number of backslashes) and it comes
// before the line's first `{` or `[` (so no nested object can hold it). Any other line, and any
// line where a key is not found, goes through the full scanner. As in every reader here, the
// first of duplicate keys wins (RFC 8259 leaves duplicates unspecified; finding a later
// duplicate would cost the search a scan to the end of the line per key).
// The fast path checks a line's framing (`{` … `}`) but not every byte between; the values it
// keeps are fully checked when decoded.

import type { ColumnSchema, RowSource, ValueFilter } from '../engine/table';
import { emptyValue, type Value } from '../engine/values';
import { CellError } from './convert';
import * as cell from './jsonCell';
import * as scan from './jsonScan';
import { asBuffer, countLines, indexJsonLines, readJsonLines, type ReadResult } from './jsonTable';
import { lazyTable } from './lazyTable';
import { Interner } from './interner';
import { ProblemLog } from './problems';

// Local bindings: under tsx every access to an imported binding is a getter call (see jsonCell.ts).
const { skipString, skipValue, skipWhitespace } = scan;
const { decodeJsonCell, decodeJsonString } = cell;
const QUOTE = scan.QUOTE;
const BACKSLASH = scan.BACKSLASH;
const INFERENCE_SAMPLE_BYTES = 4 << 20;
/** How much of a streamed file is searched for keys the schema lacks (the streamed read looks only for the keys it keeps). */
const UNKNOWN_FIELD_SAMPLE_BYTES = 1 << 20;
/** Most answers remembered per filter. */
const MAX_MEMO = 1 << 16;
const LINE_BREAK = Buffer.from('\n');

export interface ProjectedReadOptions {
  /** Column names and types; without one, types are inferred from the first 4 MB. */
  schema?: readonly ColumnSchema[];
  /** The columns to keep (others are not decoded and are absent from the table); all when omitted. */
  columns?: readonly string[];
  /**
   * Keep only the lines for which every filter holds (tried in order). The filters' columns are
   * decoded on every line; the lines that pass are kept as bytes, and their columns decoded when
   * first asked for (as the lazy reader does). Needs `schema`.
   */
  filters?: readonly ValueFilter[];
  isCancelled?: () => boolean;
}

/**
 * Reads JSON Lines from `blocks` (consecutive pieces of one file, split anywhere). The table holds
 * only the kept columns, already decoded; its problems are complete when it is returned.
 */
export function readJsonLinesProjected(blocks: Iterable<Uint8Array>, file: string, options: ProjectedReadOptions = {}): ReadResult {
  const log = new ProblemLog(file);
  const keep = options.columns ? new Set(options.columns) : undefined;
  const project = (schema: readonly ColumnSchema[]) => (keep ? schema.filter((c) => keep.has(c.name)) : schema);
  const filters = options.schema ? (options.filters ?? []) : [];
  const tested = options.schema?.filter((c) => filters.some((f) => f.column === c.name)) ?? [];
  let reader: LineReader | undefined = options.schema ? new LineReader(project(options.schema), file, log, filters, tested) : undefined;
  let firstLine = 1;
  // Without a schema, the first few MB are read by the lazy reader to infer one.
  let sample: Uint8Array[] = [];
  let sampleBytes = 0;
  const inferFromSample = () => {
    const bytes = Buffer.concat(sample);
    const first = readJsonLines(bytes, file, { firstLine });
    reader = new LineReader(project(first.table.schema), file, log);
    reader.appendTable(first.table);
    // After appendTable: decoding the sample's columns is what finds its bad values.
    for (const problem of first.problems) log.add(problem.line, problem.column, problem.message);
    firstLine += countLines(bytes) - 1;
    sample = [];
  };
  for (const piece of lineAlignedPieces(blocks)) {
    if (options.isCancelled?.()) {
      log.add(0, 0, `loading cancelled after ${reader?.rowCount ?? 0} event(s)`);
      break;
    }
    if (firstLine === 1 && options.schema) noteUnknownFields(piece, file, options.schema, log);
    if (!reader) {
      sample.push(Buffer.from(piece));
      sampleBytes += piece.length;
      if (sampleBytes >= INFERENCE_SAMPLE_BYTES) inferFromSample();
      continue;
    }
    reader.readPiece(asBuffer(piece), firstLine);
    firstLine += countLines(piece) - 1;
  }
  if (!reader && sample.length > 0) inferFromSample();
  return (reader ?? new LineReader([], file, log)).finish();
}

/** Notes in `log` the keys of the piece's first events that `schema` lacks, by indexing them with the lazy reader. */
function noteUnknownFields(piece: Uint8Array, file: string, schema: readonly ColumnSchema[], log: ProblemLog): void {
  let end = piece.length;
  if (end > UNKNOWN_FIELD_SAMPLE_BYTES) end = asBuffer(piece).lastIndexOf(10, UNKNOWN_FIELD_SAMPLE_BYTES) + 1;
  // Its own log: the lines' problems are the streamed read's to report.
  const scratch = new ProblemLog(file);
  indexJsonLines(piece.subarray(0, end), file, { schema }, scratch);
  log.takeUnknownFields(scratch);
}

/** Accumulates the kept columns of every line (or, with filters, the lines that pass), one piece at a time. */
class LineReader {
  private readonly values: Value[][];
  private readonly empties: Value[];
  private readonly interners: Interner[];
  private readonly kept: KeyLocator;
  /** The filters' columns, located and decoded on every line; undefined without filters. */
  private readonly tested: KeyLocator | undefined;
  private readonly testedInterners: Interner[];
  private readonly testedValues: Value[];
  /** Per filter: answers remembered by value (string columns repeat a few thousand values). */
  private readonly memos: (Map<Value, boolean> | undefined)[];
  /** With filters: the lines that passed, copied, each ended by a line break. */
  private passed: Buffer[] = [];
  private readonly scanned: scan.ScannedValue = { end: 0, kind: scan.TokenKind.Null };
  private lines = new Int32Array(1024);
  rowCount = 0;
  /** Lines read as events, before filtering. */
  eventsRead = 0;

  constructor(
    private readonly schema: readonly ColumnSchema[],
    private readonly file: string,
    private readonly log: ProblemLog,
    private readonly filters: readonly ValueFilter[] = [],
    testedSchema: readonly ColumnSchema[] = [],
  ) {
    this.values = schema.map(() => []);
    this.empties = schema.map((c) => emptyValue(c.type));
    this.interners = schema.map(() => new Interner());
    const report = (buffer: Buffer, lineStart: number, offset: number, line: number, message: string) => this.problem(buffer, lineStart, offset, line, message);
    this.kept = new KeyLocator(schema.map((c) => c.name), report);
    this.tested = filters.length > 0 ? new KeyLocator(testedSchema.map((c) => c.name), report) : undefined;
    this.testedInterners = testedSchema.map(() => new Interner());
    this.testedValues = testedSchema.map(() => null);
    this.memos = filters.map((f) => (testedSchema.find((c) => c.name === f.column)?.type === 'string' ? new Map() : undefined));
    this.testedSchema = testedSchema;
    this.filterColumns = filters.map((f) => testedSchema.findIndex((c) => c.name === f.column));
  }

  private readonly testedSchema: readonly ColumnSchema[];
  /** Per filter: its column among the tested ones, or -1 when the file's schema lacks it. */
  private readonly filterColumns: number[];

  readPiece(buffer: Buffer, firstLine: number): void {
    this.kept.reset();
    this.tested?.reset();
    let lineStart = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    let line = firstLine;
    while (lineStart < buffer.length) {
      let lineEnd = buffer.indexOf(10, lineStart);
      if (lineEnd < 0) lineEnd = buffer.length;
      this.readLine(buffer, lineStart, lineEnd, line);
      lineStart = lineEnd + 1;
      line++;
    }
  }

  /** Appends every row of `table` (read by the lazy reader) for the kept columns. */
  appendTable(table: ReadResult['table']): void {
    this.schema.forEach((column, index) => {
      const decoded = table.column(column.name);
      const out = this.values[index];
      for (let row = 0; row < table.rowCount; row++) out.push(decoded ? decoded[row] : this.empties[index]);
    });
    for (let row = 0; row < table.rowCount; row++) this.pushLine(table.source(row).line);
    this.eventsRead += table.rowCount;
  }

  finish(): ReadResult {
    const lines = this.lines;
    if (this.tested) {
      // The lines that passed, read lazily: a column is decoded only if the query asks for it.
      const bytes = Buffer.concat(this.passed);
      this.passed = [];
      const { table } = indexJsonLines(bytes, this.file, { schema: this.schema, projection: true, lineNumbers: lines.subarray(0, this.rowCount) }, this.log).finish();
      return { table, problems: this.log.problems, eventsRead: this.eventsRead };
    }
    const values = this.values;
    const table = lazyTable(this.schema, this.rowCount, (index) => values[index], (row): RowSource => ({ file: this.file, line: lines[row] }), () => this.log);
    return { table, problems: this.log.problems, eventsRead: this.eventsRead };
  }

  private readLine(buffer: Buffer, start: number, end: number, line: number): void {
    const first = skipWhitespace(buffer, start, end);
    if (first === end) return;
    if (buffer[first] !== 123) {
      this.problem(buffer, start, first, line, 'expected an event object ({...}) on this line; line skipped');
      return;
    }
    let last = end - 1;
    while (last > first && (buffer[last] === 13 || buffer[last] === 32 || buffer[last] === 9)) last--;
    // A line that is not framed as one object goes to the full scanner, which says what is wrong.
    const framed = buffer[last] === 125;
    if (this.tested) {
      if (!this.tested.locate(buffer, first, last, end, start, line, framed, true)) return;
      this.eventsRead++;
      if (!this.passes(buffer, start, line)) return;
      this.passed.push(Buffer.from(buffer.subarray(start, end)), LINE_BREAK);
      this.pushLine(line);
      return;
    }
    if (!this.kept.locate(buffer, first, last, end, start, line, framed)) return;
    this.eventsRead++;
    for (let i = 0; i < this.schema.length; i++) this.values[i].push(this.decode(buffer, start, line, this.kept.starts[i], this.schema[i], this.interners[i]));
    this.pushLine(line);
  }

  /**
   * Decodes every filter column (as the plain path decodes whole columns, so the same bad values
   * are reported), then tries the filters in order.
   */
  private passes(buffer: Buffer, lineStart: number, line: number): boolean {
    const tested = this.tested!;
    for (let i = 0; i < this.testedSchema.length; i++) {
      this.testedValues[i] = this.decode(buffer, lineStart, line, tested.starts[i], this.testedSchema[i], this.testedInterners[i]);
    }
    for (let f = 0; f < this.filters.length; f++) {
      const column = this.filterColumns[f];
      const value = column >= 0 ? this.testedValues[column] : this.filters[f].empty;
      const memo = this.memos[f];
      let answer = memo?.get(value);
      if (answer === undefined) {
        answer = this.filters[f].test(value);
        if (memo && memo.size < MAX_MEMO) memo.set(value, answer);
      }
      if (!answer) return false;
    }
    return true;
  }

  private decode(buffer: Buffer, lineStart: number, line: number, valueStart: number, column: ColumnSchema, interner: Interner): Value {
    if (valueStart < 0) return emptyValue(column.type);
    const decoded = decodeJsonCell(buffer, valueStart, column.type, this.scanned, interner);
    if (!(decoded instanceof CellError)) return decoded;
    this.problem(buffer, lineStart, valueStart, line, `${column.name}: ${decoded.message}; value left empty`);
    return emptyValue(column.type);
  }

  private problem(buffer: Buffer, lineStart: number, offset: number, line: number, message: string): void {
    const column = this.log.full ? 0 : buffer.toString('utf8', lineStart, offset).length + 1;
    this.log.add(line, column, message);
  }

  private pushLine(line: number): void {
    if (this.rowCount === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rowCount++] = line;
  }
}

type Report = (buffer: Buffer, lineStart: number, offset: number, line: number, message: string) => void;

/** Finds where the values of a set of top-level keys start on a line: by byte search, else by the full scanner. */
class KeyLocator {
  private readonly finders: Finder[];
  private readonly braces = new Finder(Buffer.from('{'), false);
  private readonly brackets = new Finder(Buffer.from('['), false);
  /** A key written with `\u` escapes could equal a wanted name: past the first `\u` the byte search is not trusted. */
  private readonly escapes = new Finder(Buffer.from('\\u'), false);
  private readonly index: Map<string, number>;
  private readonly scanned: scan.ScannedValue = { end: 0, kind: scan.TokenKind.Null };
  /** Per wanted key: where its value starts on the last line located, or -1. */
  readonly starts: number[];
  /** Wanted keys in the order they appeared on the last line. */
  private readonly order: number[];
  /** For the full scanner: the key seen at each place of the last line it read, and its wanted index (or -1). */
  private readonly keysAt: { raw: Buffer; column: number }[] = [];

  constructor(
    names: readonly string[],
    private readonly report: Report,
  ) {
    this.finders = names.map((name) => new Finder(Buffer.from(JSON.stringify(name) + ':'), true));
    this.index = new Map(names.map((name, i) => [name, i]));
    this.starts = names.map(() => -1);
    this.order = names.map((_, i) => i);
  }

  reset(): void {
    for (const finder of [...this.finders, this.braces, this.brackets, this.escapes]) finder.reset();
  }

  /**
   * Fills `starts` for the line; false (reported) if the line is bad. `early`: on a framed line,
   * scan the keys in order only until every wanted key is found (cheaper than byte searches when
   * the wanted keys come first, as a filter's columns usually do).
   */
  locate(buffer: Buffer, first: number, last: number, end: number, lineStart: number, line: number, framed: boolean, early = false): boolean {
    if (early) return this.findSlow(buffer, first, end, lineStart, line, framed);
    return (framed && this.findFast(buffer, first, last)) || this.findSlow(buffer, first, end, lineStart, line, false);
  }

  /**
   * The byte-search path over the line [first, last]; false when it needs the full scanner. Keys
   * are searched in the order the previous line had them, each from where the previous one was
   * found, so a line in the usual order is searched about once in all. A match counts only
   * before the line's first `{` or `[` (after its opening brace): up to there nothing can be
   * nested, so the match is a top-level key.
   */
  private findFast(buffer: Buffer, first: number, last: number): boolean {
    const from0 = first + 1;
    const limit = Math.min(this.braces.next(buffer, from0), this.brackets.next(buffer, from0), this.escapes.next(buffer, from0), last);
    const order = this.order;
    let from = from0;
    let reordered = false;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const finder = this.finders[i];
      let at = finder.next(buffer, from);
      if (at >= limit) {
        at = finder.next(buffer, from0);
        if (at >= limit) return false;
        reordered = true;
      }
      from = at + finder.length;
      this.starts[i] = skipWhitespace(buffer, from, last);
    }
    if (reordered) order.sort((a, b) => this.starts[a] - this.starts[b]);
    return true;
  }

  /**
   * The full scanner over one line: every top-level key, nested values skipped. False if the line
   * is bad. `early`: stop once every wanted key is found (their first occurrences: the first of
   * duplicate keys wins either way).
   */
  private findSlow(buffer: Buffer, first: number, end: number, lineStart: number, line: number, early: boolean): boolean {
    this.starts.fill(-1);
    let i = skipWhitespace(buffer, first + 1, end);
    if (buffer[i] === 125) return true;
    let ordinal = 0;
    let missing = this.starts.length;
    for (;;) {
      if (buffer[i] !== QUOTE) return this.badLine(buffer, lineStart, i, line, 'expected a key in quotes');
      const keyEnd = skipString(buffer, i, end);
      if (keyEnd < 0) return this.badLine(buffer, lineStart, i, line, 'unterminated key string');
      const column = this.columnOfKey(buffer, i + 1, keyEnd - 1, ordinal++);
      i = skipWhitespace(buffer, keyEnd, end);
      if (buffer[i] !== 58) return this.badLine(buffer, lineStart, i, line, 'expected : after the key');
      i = skipWhitespace(buffer, i + 1, end);
      const value = skipValue(buffer, i, end, this.scanned);
      if (!value) return this.badLine(buffer, lineStart, i, line, 'invalid value');
      if (column >= 0 && this.starts[column] < 0) {
        this.starts[column] = i; // the first of duplicate keys wins
        if (--missing === 0 && early) return true;
      }
      i = skipWhitespace(buffer, value.end, end);
      if (buffer[i] === 125) {
        const after = skipWhitespace(buffer, i + 1, end);
        return after === end || this.badLine(buffer, lineStart, after, line, 'unexpected text after the event object');
      }
      if (buffer[i] !== 44) return this.badLine(buffer, lineStart, i, line, 'expected , or } after a value');
      i = skipWhitespace(buffer, i + 1, end);
    }
  }

  /**
   * The wanted index of the key whose raw bytes are [start, end), or -1. Compared first with the
   * key at the same place on the previous line, since events repeat their key order.
   */
  private columnOfKey(buffer: Buffer, start: number, end: number, ordinal: number): number {
    const expected = this.keysAt[ordinal];
    if (expected !== undefined && sameBytes(buffer, start, end, expected.raw)) return expected.column;
    const column = this.index.get(decodeJsonString(buffer, start - 1, end + 1)) ?? -1;
    // A copy, not a view: the block buffer is refilled by the next read.
    this.keysAt[ordinal] = { raw: Buffer.from(buffer.subarray(start, end)), column };
    return column;
  }

  private badLine(buffer: Buffer, lineStart: number, offset: number, line: number, message: string): false {
    this.report(buffer, lineStart, offset, line, `${message}; line skipped`);
    return false;
  }
}

/**
 * Finds the next occurrence of a byte pattern in a piece, remembering the last answer: lines are
 * visited in order, so a search that ran past the current line (a key missing from it) is not
 * repeated for the lines before the occurrence it found.
 */
class Finder {
  private searchedFrom = -1;
  private foundAt = -1;
  readonly length: number;

  /** `quoted`: the pattern starts with a quote that must not be escaped. */
  constructor(
    private readonly pattern: Buffer,
    private readonly quoted: boolean,
  ) {
    this.length = pattern.length;
  }

  reset(): void {
    this.searchedFrom = -1;
  }

  /** The first occurrence at or after `from`; Infinity if none. */
  next(buffer: Buffer, from: number): number {
    let at: number;
    if (this.searchedFrom >= 0 && from >= this.searchedFrom) {
      if (this.foundAt >= from) return this.foundAt;
      at = this.first(buffer, from, buffer.length);
    } else if (this.searchedFrom >= 0) {
      // Searching again from earlier (keys in another order): only the bytes before the last search are new.
      at = this.first(buffer, from, this.searchedFrom + this.length - 1);
      if (at < 0) at = this.foundAt === Infinity ? -1 : this.foundAt;
    } else {
      at = this.first(buffer, from, buffer.length);
    }
    this.searchedFrom = from;
    this.foundAt = at < 0 ? Infinity : at;
    return this.foundAt;
  }

  /** The first occurrence that starts at or after `from` and ends by `end`, or -1. */
  private first(buffer: Buffer, from: number, end: number): number {
    const within = end >= buffer.length ? buffer : buffer.subarray(0, end);
    let at = within.indexOf(this.pattern, from);
    while (this.quoted && at >= 0 && !isDelimiter(buffer, at)) at = within.indexOf(this.pattern, at + 1);
    return at;
  }
}

function sameBytes(buffer: Buffer, start: number, end: number, raw: Buffer): boolean {
  if (end - start !== raw.length) return false;
  for (let i = 0; i < raw.length; i++) if (buffer[start + i] !== raw[i]) return false;
  return true;
}

/** True if the quote at `at` ends or starts a string, i.e. is not escaped. */
function isDelimiter(buffer: Buffer, at: number): boolean {
  let backslashes = 0;
  while (at - backslashes - 1 >= 0 && buffer[at - backslashes - 1] === BACKSLASH) backslashes++;
  return backslashes % 2 === 0;
}

/**
 * Re-cuts `blocks` into pieces that end at a line break (the last piece takes what is left). Only
 * the line that straddles two blocks is copied; the rest of each block is passed through.
 */
export function* lineAlignedPieces(blocks: Iterable<Uint8Array>): Generator<Uint8Array> {
  // Pieces of a line that has not ended yet; copied, as the caller may reuse a block for its next read.
  let carry: Buffer[] = [];
  for (const block of blocks) {
    const bytes = asBuffer(block);
    let from = 0;
    if (carry.length > 0) {
      const firstBreak = bytes.indexOf(10);
      if (firstBreak < 0) {
        carry.push(Buffer.from(bytes));
        continue;
      }
      yield Buffer.concat([...carry, bytes.subarray(0, firstBreak + 1)]);
      carry = [];
      from = firstBreak + 1;
    }
    const lastBreak = bytes.lastIndexOf(10);
    if (lastBreak >= from) yield bytes.subarray(from, lastBreak + 1);
    const restStart = Math.max(from, lastBreak + 1);
    if (restStart < bytes.length) carry.push(Buffer.from(bytes.subarray(restStart)));
  }
  if (carry.length > 0) yield Buffer.concat(carry);
}
