// Turns one cell of an event file into a typed value (server/src/engine/values.ts), or says why
// it cannot. JSON cells arrive as raw tokens; CSV cells as text.

import { parseDateTime, parseGuid, parseTimespan, TICKS_PER_SECOND, type Dynamic, type ScalarType, type Value } from '../engine/values';
import { TokenKind } from './jsonScan';

/** A cell that does not fit its column's type; the message says what was expected. */
export class CellError {
  constructor(readonly message: string) {}
}

export type Cell = Value | CellError;

const INTEGER = /^\s*[+-]?\d+\s*$/;
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * A JSON token of `kind` into a `type` column. `raw` is the token's source text; `text` is the
 * decoded string for string tokens.
 */
export function fromJson(kind: TokenKind, raw: string, text: string, type: ScalarType): Cell {
  if (kind === TokenKind.Null) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
      if (kind === TokenKind.String) return text;
      return kind === TokenKind.Nested ? compactJson(raw) : raw;
    case 'dynamic':
      if (kind === TokenKind.String) return dynamicFromText(text, false);
      return parseJson(raw);
    case 'bool':
      if (kind === TokenKind.Bool) return raw === 'true';
      if (kind === TokenKind.Integer) return boolFromText(raw);
      if (kind === TokenKind.String) return boolFromText(text);
      return new CellError(`expected a bool, found ${describe(kind)}`);
    case 'int':
    case 'long':
      if (kind === TokenKind.Integer || kind === TokenKind.Real) return integerFromNumber(Number(raw), type);
      if (kind === TokenKind.String) return integerFromText(text, type);
      return new CellError(`expected a ${type}, found ${describe(kind)}`);
    case 'real':
    case 'decimal':
      if (kind === TokenKind.Integer || kind === TokenKind.Real) return Number(raw);
      if (kind === TokenKind.String) return realFromText(text);
      return new CellError(`expected a number, found ${describe(kind)}`);
    default:
      if (kind === TokenKind.String) return fromText(text, type);
      return new CellError(`expected a ${type} string, found ${describe(kind)}`);
  }
}

/** A text cell (CSV, or a JSON string) into a `type` column. An empty cell is the type's empty value. */
export function fromText(text: string, type: ScalarType): Cell {
  if (type === 'string') return text;
  if (text.length === 0) return null;
  switch (type) {
    case 'dynamic':
      return dynamicFromText(text, true);
    case 'bool':
      return boolFromText(text);
    case 'int':
    case 'long':
      return integerFromText(text, type);
    case 'real':
    case 'decimal':
      return realFromText(text);
    case 'datetime': {
      const ticks = parseIsoDateTime(text) ?? parseDateTime(text);
      return ticks ?? new CellError(`expected a datetime, found "${clip(text)}"`);
    }
    case 'timespan':
      return parseTimespan(text) ?? new CellError(`expected a timespan, found "${clip(text)}"`);
    case 'guid':
      return parseGuid(text) ?? new CellError(`expected a guid, found "${clip(text)}"`);
  }
}

function describe(kind: TokenKind): string {
  switch (kind) {
    case TokenKind.String:
      return 'a string';
    case TokenKind.Integer:
    case TokenKind.Real:
      return 'a number';
    case TokenKind.Bool:
      return 'a bool';
    case TokenKind.Nested:
      return 'an object or array';
    default:
      return 'null';
  }
}

function clip(text: string): string {
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}

function boolFromText(text: string): Cell {
  switch (text.trim().toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return new CellError(`expected a bool, found "${clip(text)}"`);
  }
}

function integerFromNumber(n: number, type: 'int' | 'long'): Cell {
  if (!Number.isInteger(n)) return new CellError(`expected a whole number for a ${type} column, found ${n}`);
  if (type === 'int' && (n < INT_MIN || n > INT_MAX)) return new CellError(`${n} is out of range for an int column`);
  return n;
}

function integerFromText(text: string, type: 'int' | 'long'): Cell {
  if (!INTEGER.test(text)) return new CellError(`expected a ${type}, found "${clip(text)}"`);
  return integerFromNumber(Number(text), type);
}

function realFromText(text: string): Cell {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  switch (trimmed.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return new CellError(`expected a number, found "${clip(text)}"`);
  }
}

/**
 * Text in a dynamic column. Exports carry JSON as text (`AdditionalFields`), so JSON objects and
 * arrays are parsed. A CSV cell is all text, so there any JSON value (number, bool) is parsed
 * too; other text stays a string, as Kusto does when the text is not JSON.
 */
function dynamicFromText(text: string, anyJson: boolean): Cell {
  const first = text.trimStart()[0];
  if (first === '{' || first === '[' || anyJson) {
    try {
      return JSON.parse(text) as Dynamic;
    } catch {
      return text;
    }
  }
  return text;
}

function parseJson(raw: string): Cell {
  try {
    return JSON.parse(raw) as Dynamic;
  } catch (error) {
    return new CellError(`invalid JSON value: ${(error as Error).message}`);
  }
}

function compactJson(raw: string): Cell {
  const value = parseJson(raw);
  return value instanceof CellError ? value : JSON.stringify(value);
}

/**
 * The fast path for the one datetime form exports use, `YYYY-MM-DD[T ]hh:mm:ss[.fffffff][Z]`,
 * without a regular expression or a Date object. Undefined for any other form (the caller falls
 * back to the general parser) and for impossible dates.
 */
export function parseIsoDateTime(text: string): bigint | undefined {
  const n = text.length;
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let i = 19;
  let fraction = 0;
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    let places = 0;
    while (i < n) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (places < 7) fraction = fraction * 10 + d;
      places++;
      i++;
    }
    if (places === 0) return undefined;
    for (; places < 7; places++) fraction *= 10;
  }
  if (i < n && (text.charCodeAt(i) === 90 || text.charCodeAt(i) === 122)) i++;
  if (i !== n) return undefined;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return BigInt(seconds) * TICKS_PER_SECOND + BigInt(fraction);
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil-date algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
