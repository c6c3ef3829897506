// Decodes one JSON value, found by the scanner, into a typed cell.

import type { ScalarType } from '../engine/values';
import { CellError, fromJson, type Cell } from './convert';
import type { Interner } from './interner';
import * as scan from './jsonScan';

// Local bindings of the scanner: under the test and bench runner (tsx), every access to an
// imported binding is a getter call, which is measurable in loops that run per value.
const { hasEscape, skipValue } = scan;
const STRING = scan.TokenKind.String;

/** The text of the JSON string at [start, end), quotes included. */
export function decodeJsonString(buffer: Buffer, start: number, end: number): string {
  if (!hasEscape(buffer, start, end)) return buffer.toString('utf8', start + 1, end - 1);
  try {
    return JSON.parse(buffer.toString('utf8', start, end)) as string;
  } catch {
    // An invalid escape: keep the text as written rather than lose the value.
    return buffer.toString('utf8', start + 1, end - 1);
  }
}

/**
 * The value starting at `start` (already known to be a complete JSON value) as a `type` cell.
 * `scanned` is scratch space reused across calls; `interner`, if given, shares repeated strings.
 */
export function decodeJsonCell(buffer: Buffer, start: number, type: ScalarType, scanned: scan.ScannedValue, interner?: Interner): Cell {
  const value = skipValue(buffer, start, buffer.length, scanned);
  if (!value) return new CellError('invalid JSON value');
  const kind = value.kind;
  if (kind === STRING) {
    if (type === 'string' && interner) {
      const known = interner.lookup(buffer, start, value.end);
      if (known !== undefined) return known;
      const text = decodeJsonString(buffer, start, value.end);
      interner.remember(buffer, start, value.end, text);
      return text;
    }
    const text = decodeJsonString(buffer, start, value.end);
    return type === 'string' ? text : fromJson(kind, '', text, type);
  }
  return fromJson(kind, buffer.toString('utf8', start, value.end), '', type);
}
