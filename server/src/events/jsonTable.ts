// Reads JSON events (JSON Lines, a JSON array, or objects one after another) into a lazy table.
//
// Loading makes one pass over the bytes: it finds each event object and, for every top-level key,
// where its value starts (as a 16-bit offset from the event's start). Nothing is decoded then.
// When the engine first asks for a column, only that key's values are decoded, straight from the
// recorded offsets. A 1M-event file thus costs one structural scan plus the columns a query uses,
// instead of a JSON.parse of every event.

import type { ColumnSchema } from '../engine/table';
import { emptyValue, type ScalarType, type Value } from '../engine/values';
import type { FileProblem } from '../text/problem';
import { CellError, parseIsoDateTime } from './convert';
import * as cell from './jsonCell';
import * as scan from './jsonScan';
import { Interner } from './interner';
import { lazyTable, type EventTable } from './lazyTable';
import { LineIndex } from './positions';
import { ProblemLog } from './problems';

export interface ReadOptions {
  /** Column names and types (e.g. the Defender schema). Without one, types are inferred from the values. */
  schema?: readonly ColumnSchema[];
  /** Line number of the first byte, when `bytes` is a later piece of a file. */
  firstLine?: number;
  /** The file's line number of each line of `bytes`, when `bytes` holds chosen lines of a file. */
  lineNumbers?: Int32Array;
  /** Polled while loading; when it returns true, loading stops and the rows read so far are kept. */
  isCancelled?: () => boolean;
  /** `schema` is only the columns a caller keeps, so keys outside it are not unknown. */
  projection?: boolean;
}

export interface ReadResult {
  table: EventTable;
  /** The same list as `table.problems`: it grows when a bad value is found in a decoded column. */
  problems: readonly FileProblem[];
  /** Events read before any filtering, when filters were applied while reading. */
  eventsRead?: number;
}

// Local bindings: under the test and bench runner (tsx), every access to an imported binding is
// a getter call, which is measurable in loops that run per byte or per value.
const { skipString, skipValue, skipWhitespace } = scan;
const { decodeJsonCell, decodeJsonString } = cell;
const { QUOTE, TokenKind } = scan;
type ScannedValue = scan.ScannedValue;

const ABSENT = 0xffff;
/** The value starts too far into its event for 16 bits: find it again by scanning that event. */
const FAR = 0xfffe;
const CANCEL_POLL_ROWS = 4096;
const INFERENCE_SAMPLE = 200;

interface KeyInfo {
  name: string;
  /** The key's bytes as they appear in the file (between the quotes), for a fast comparison. */
  raw: Uint8Array;
  /** Per row: where the value starts, relative to the row's start; ABSENT or FAR. Undefined if not kept. */
  offsets: Uint16Array | undefined;
  /** Union of the TokenKinds seen, for type inference. */
  kinds: number;
}

/** Reads JSON Lines (`.jsonl`, `.ndjson`): one event object per line; a bad line is skipped. */
export function readJsonLines(bytes: Uint8Array, file: string, options: ReadOptions = {}): ReadResult {
  return indexJsonLines(bytes, file, options, new ProblemLog(file)).finish();
}

/** The indexing half of `readJsonLines`, with the problem log passed in so pieces of one file share it. */
export function indexJsonLines(bytes: Uint8Array, file: string, options: ReadOptions, log: ProblemLog): { finish(): ReadResult } {
  const reader = new ObjectIndexer(bytes, file, options, countLines(bytes), log);
  const buffer = asBuffer(bytes);
  let lineStart = startAfterBom(bytes);
  while (lineStart <= bytes.length && !reader.cancelled()) {
    let lineEnd = buffer.indexOf(10, lineStart);
    if (lineEnd < 0) lineEnd = bytes.length;
    const first = skipWhitespace(bytes, lineStart, lineEnd);
    if (first < lineEnd) {
      if (bytes[first] !== 123) reader.lineProblem(first, 'expected an event object ({...}) on this line; line skipped');
      else {
        const end = reader.indexObject(first, lineEnd);
        if (end >= 0 && skipWhitespace(bytes, end, lineEnd) !== lineEnd) {
          reader.discardRow();
          reader.lineProblem(skipWhitespace(bytes, end, lineEnd), 'unexpected text after the event object; line skipped');
        } else if (end < 0) reader.lineProblem(reader.errorOffset, `${reader.errorMessage}; line skipped`);
      }
    }
    lineStart = lineEnd + 1;
  }
  return reader;
}

/**
 * Reads a `.json` file: an array of event objects (as exported), or one or more objects one
 * after another. A syntax error stops reading at that point; the events before it are kept.
 */
export function readJsonDocument(bytes: Uint8Array, file: string, options: ReadOptions = {}): ReadResult {
  const reader = new ObjectIndexer(bytes, file, options, 1024, new ProblemLog(file));
  const end = bytes.length;
  let pos = skipWhitespace(bytes, startAfterBom(bytes), end);
  const inArray = bytes[pos] === 91;
  if (inArray) pos = skipWhitespace(bytes, pos + 1, end);
  const scanned: ScannedValue = { end: 0, kind: TokenKind.Null };
  while (pos < end && !reader.cancelled()) {
    if (inArray && bytes[pos] === 93) {
      pos = skipWhitespace(bytes, pos + 1, end);
      if (pos < end) reader.lineProblem(pos, 'unexpected text after the array of events');
      return reader.finish();
    }
    let next: number;
    if (bytes[pos] === 123) {
      next = reader.indexObject(pos, end);
      if (next < 0) {
        reader.lineProblem(reader.errorOffset, `${reader.errorMessage}; reading stopped here`);
        return reader.finish();
      }
    } else {
      const value = skipValue(bytes, pos, end, scanned);
      if (!value) {
        reader.lineProblem(pos, `${inArray ? 'expected an event object, or ]' : 'expected an event object'}; reading stopped here`);
        return reader.finish();
      }
      reader.lineProblem(pos, 'expected an event object ({...}); value skipped');
      next = value.end;
    }
    pos = skipWhitespace(bytes, next, end);
    if (inArray) {
      if (bytes[pos] === 44) pos = skipWhitespace(bytes, pos + 1, end);
      else if (bytes[pos] !== 93) {
        reader.lineProblem(pos, 'expected , or ] after an event; reading stopped here');
        return reader.finish();
      }
    }
  }
  if (inArray && !reader.cancelled()) reader.lineProblem(end, 'the array of events is not closed with ]');
  return reader.finish();
}

/** Indexes event objects' top-level keys, then builds the lazy table over them. */
class ObjectIndexer {
  private readonly buffer: Buffer;
  private readonly lines: LineIndex;
  private readonly keys: KeyInfo[] = [];
  private readonly keyIds = new Map<string, number>();
  /** The key ids of the previous event in order: events usually repeat the same key order. */
  private readonly lastOrder: number[] = [];
  /** Keys written for the current row, so that a bad row can be undone. */
  private readonly rowKeys: number[] = [];
  private readonly scanned: ScannedValue = { end: 0, kind: TokenKind.Null };
  private readonly schemaNames: Set<string> | undefined;
  private rowStarts: Uint32Array;
  private capacity: number;
  private rowCount = 0;
  private wasCancelled = false;
  errorOffset = 0;
  errorMessage = '';

  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    private readonly options: ReadOptions,
    expectedRows: number,
    private readonly log: ProblemLog,
  ) {
    this.buffer = asBuffer(bytes);
    this.lines = new LineIndex(bytes, options.firstLine, options.lineNumbers);
    this.capacity = Math.max(16, expectedRows);
    this.rowStarts = new Uint32Array(this.capacity);
    this.schemaNames = options.schema ? new Set(options.schema.map((c) => c.name)) : undefined;
  }

  cancelled(): boolean {
    if (!this.wasCancelled && this.rowCount % CANCEL_POLL_ROWS === 0 && this.options.isCancelled?.()) {
      this.wasCancelled = true;
      this.log.add(0, 0, `loading cancelled after ${this.rowCount} event(s)`);
    }
    return this.wasCancelled;
  }

  lineProblem(offset: number, message: string): void {
    if (this.log.full) this.log.add(0, 0, message);
    else {
      const { line, column } = this.lines.position(Math.min(offset, this.bytes.length));
      this.log.add(line, column, message);
    }
  }

  /**
   * Records the object at `pos` (a `{`) as the next row. Returns the offset after it, or -1 with
   * `errorOffset`/`errorMessage` set (the row is then not added).
   */
  indexObject(pos: number, end: number): number {
    const bytes = this.bytes;
    const row = this.rowCount;
    if (row === this.capacity) this.grow();
    this.rowStarts[row] = pos;
    this.rowKeys.length = 0;
    let i = skipWhitespace(bytes, pos + 1, end);
    if (bytes[i] === 125) return this.acceptRow(i + 1);
    for (let ordinal = 0; ; ordinal++) {
      if (bytes[i] !== QUOTE) return this.fail(i, 'expected a key in quotes');
      const keyEnd = skipString(bytes, i, end);
      if (keyEnd < 0) return this.fail(i, 'unterminated key string');
      const id = this.keyId(i + 1, keyEnd - 1, ordinal);
      i = skipWhitespace(bytes, keyEnd, end);
      if (bytes[i] !== 58) return this.fail(i, 'expected : after the key');
      i = skipWhitespace(bytes, i + 1, end);
      const value = skipValue(bytes, i, end, this.scanned);
      if (!value) return this.fail(i, `invalid value for key "${this.keys[id].name}"`);
      const key = this.keys[id];
      key.kinds |= value.kind;
      if (key.offsets && key.offsets[row] === ABSENT) {
        // The first of duplicate keys wins, in every reader (the streaming one cannot see later ones cheaply).
        const relative = i - pos;
        key.offsets[row] = relative < FAR ? relative : FAR;
        this.rowKeys.push(id);
      }
      i = skipWhitespace(bytes, value.end, end);
      const c = bytes[i];
      if (c === 125) return this.acceptRow(i + 1);
      if (c !== 44) return this.fail(i, 'expected , or } after a value');
      i = skipWhitespace(bytes, i + 1, end);
    }
  }

  /** Removes the row just indexed (used when text follows it on its line). */
  discardRow(): void {
    this.rowCount--;
    this.clearRowKeys(this.rowCount);
  }

  finish(): ReadResult {
    const schema = this.options.schema ?? this.inferSchema();
    const rowCount = this.rowCount;
    const table = lazyTable(
      schema,
      rowCount,
      (index) => this.decodeColumn(schema[index]),
      (row) => ({ file: this.file, line: this.lines.line(this.rowStarts[row]) }),
      () => this.log,
    );
    return { table, problems: this.log.problems };
  }

  private acceptRow(end: number): number {
    this.rowCount++;
    return end;
  }

  private fail(offset: number, message: string): number {
    this.errorOffset = offset;
    this.errorMessage = message;
    this.clearRowKeys(this.rowCount);
    return -1;
  }

  private clearRowKeys(row: number): void {
    for (const id of this.rowKeys) this.keys[id].offsets![row] = ABSENT;
    this.rowKeys.length = 0;
  }

  /** The id of the key whose raw bytes are [start, end); compares with the previous event's key first. */
  private keyId(start: number, end: number, ordinal: number): number {
    const expected = this.lastOrder[ordinal];
    if (expected !== undefined && sameBytes(this.bytes, start, end, this.keys[expected].raw)) return expected;
    const name = decodeJsonString(this.buffer, start - 1, end + 1);
    let id = this.keyIds.get(name);
    if (id === undefined) {
      id = this.keys.length;
      const kept = this.schemaNames ? this.schemaNames.has(name) : true;
      if (!kept && !this.options.projection) {
        const { line, column } = this.lines.position(start - 1);
        this.log.unknownField(name, line, column, this.schemaNames!);
      }
      this.keys.push({ name, raw: this.bytes.slice(start, end), offsets: kept ? new Uint16Array(this.capacity).fill(ABSENT) : undefined, kinds: 0 });
      this.keyIds.set(name, id);
    }
    this.lastOrder[ordinal] = id;
    return id;
  }

  private grow(): void {
    this.capacity *= 2;
    const starts = new Uint32Array(this.capacity);
    starts.set(this.rowStarts);
    this.rowStarts = starts;
    for (const key of this.keys) {
      if (!key.offsets) continue;
      const offsets = new Uint16Array(this.capacity).fill(ABSENT);
      offsets.set(key.offsets);
      key.offsets = offsets;
    }
  }

  private valueStart(key: KeyInfo, row: number): number {
    const relative = key.offsets![row];
    if (relative === ABSENT) return -1;
    if (relative !== FAR) return this.rowStarts[row] + relative;
    return this.locateKey(this.rowStarts[row], key.name);
  }

  /** Finds the value of `name` in the object at `pos` by scanning it (the first occurrence wins). */
  private locateKey(pos: number, name: string): number {
    const bytes = this.bytes;
    const end = bytes.length;
    let i = skipWhitespace(bytes, pos + 1, end);
    while (bytes[i] === QUOTE) {
      const keyEnd = skipString(bytes, i, end);
      const key = decodeJsonString(this.buffer, i, keyEnd);
      i = skipWhitespace(bytes, skipWhitespace(bytes, keyEnd, end) + 1, end);
      if (key === name) return i;
      const value = skipValue(bytes, i, end, this.scanned)!;
      i = skipWhitespace(bytes, value.end, end);
      if (bytes[i] !== 44) break;
      i = skipWhitespace(bytes, i + 1, end);
    }
    return -1;
  }

  private decodeColumn(column: ColumnSchema): Value[] {
    const values = new Array<Value>(this.rowCount);
    const empty = emptyValue(column.type);
    const id = this.keyIds.get(column.name);
    const key = id === undefined ? undefined : this.keys[id];
    if (!key?.offsets) return values.fill(empty);
    const buffer = this.buffer;
    const scanned = this.scanned;
    const type = column.type;
    const interner = new Interner();
    for (let row = 0; row < this.rowCount; row++) {
      const start = this.valueStart(key, row);
      if (start < 0) {
        values[row] = empty;
        continue;
      }
      const decoded = decodeJsonCell(buffer, start, type, scanned, interner);
      if (decoded instanceof CellError) {
        this.valueProblem(start, column.name, decoded.message);
        values[row] = empty;
      } else values[row] = decoded;
    }
    return values;
  }

  private valueProblem(offset: number, column: string, message: string): void {
    this.lineProblem(offset, `${column}: ${message}; value left empty`);
  }

  /** Column types from the values seen: see `inferType`. Keys keep their first-seen order. */
  private inferSchema(): ColumnSchema[] {
    return this.keys.map((key) => ({ name: key.name, type: this.inferType(key) }));
  }

  /**
   * Integers → long; any fraction → real; bools → bool; objects/arrays or a mix of kinds →
   * dynamic (keeps every value as it is); strings → datetime when every sampled string is an ISO
   * datetime, else string; only nulls → string.
   */
  private inferType(key: KeyInfo): ScalarType {
    const kinds = key.kinds & ~TokenKind.Null;
    if (kinds === 0) return 'string';
    if (kinds === TokenKind.Integer) return 'long';
    if (kinds === (TokenKind.Integer | TokenKind.Real) || kinds === TokenKind.Real) return 'real';
    if (kinds === TokenKind.Bool) return 'bool';
    if (kinds !== TokenKind.String) return 'dynamic';
    return this.stringsAreDatetimes(key) ? 'datetime' : 'string';
  }

  private stringsAreDatetimes(key: KeyInfo): boolean {
    let sampled = 0;
    for (let row = 0; row < this.rowCount && sampled < INFERENCE_SAMPLE; row++) {
      const start = this.valueStart(key, row);
      if (start < 0 || this.bytes[start] !== QUOTE) continue;
      const text = decodeJsonString(this.buffer, start, skipValue(this.bytes, start, this.bytes.length, this.scanned)!.end);
      if (text === '') continue;
      if (parseIsoDateTime(text) === undefined) return false;
      sampled++;
    }
    return sampled > 0;
  }
}

function sameBytes(bytes: Uint8Array, start: number, end: number, raw: Uint8Array): boolean {
  if (end - start !== raw.length) return false;
  for (let i = 0; i < raw.length; i++) if (bytes[start + i] !== raw[i]) return false;
  return true;
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function startAfterBom(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** The number of lines in `bytes` (line breaks + 1). */
export function countLines(bytes: Uint8Array): number {
  const buffer = asBuffer(bytes);
  let count = 1;
  for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) count++;
  return count;
}
