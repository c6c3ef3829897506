// A small JSON scanner over bytes. It finds where values start and end without building them,
// so that a reader can index an event's top-level keys in one pass and decode only the values
// a query asks for. It checks only what it must to find boundaries; a value that is decoded
// later (with JSON.parse) gets its full validation then.

export const QUOTE = 34;
export const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** What kind of token a value starts with; readers use it to infer column types. */
export const TokenKind = { String: 1, Integer: 2, Real: 4, Bool: 8, Null: 16, Nested: 32 } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export function isWhitespace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

export function skipWhitespace(bytes: Uint8Array, pos: number, end: number): number {
  while (pos < end) {
    const c = bytes[pos];
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
    pos++;
  }
  return pos;
}

/** `pos` is at an opening quote; returns the offset after the closing quote, or -1. */
export function skipString(bytes: Uint8Array, pos: number, end: number): number {
  for (let i = pos + 1; i < end; i++) {
    const c = bytes[i];
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
    else if (c === LF) return -1; // JSON strings cannot hold a raw line break
  }
  return -1;
}

/** `pos` is at `{` or `[`; returns the offset after the matching close, or -1. */
function skipNested(bytes: Uint8Array, pos: number, end: number): number {
  let depth = 0;
  for (let i = pos; i < end; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = skipString(bytes, i, end);
      if (i < 0) return -1;
      i--;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Skips a bare token (number, true, false, null): up to the next delimiter. */
function skipBare(bytes: Uint8Array, pos: number, end: number): number {
  let i = pos;
  while (i < end) {
    const c = bytes[i];
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === SPACE || c === LF || c === CR || c === TAB) break;
    i++;
  }
  return i;
}

export interface ScannedValue {
  end: number;
  kind: TokenKind;
}

/** The kind of the bare token at [pos, end), or 0 if it is not a JSON literal or number. */
export function bareKind(bytes: Uint8Array, pos: number, end: number): TokenKind | 0 {
  const c = bytes[pos];
  if (c === 116 /* t */) return end - pos === 4 && bytes[pos + 1] === 114 && bytes[pos + 2] === 117 && bytes[pos + 3] === 101 ? TokenKind.Bool : 0;
  if (c === 102 /* f */) return end - pos === 5 && bytes[pos + 1] === 97 && bytes[pos + 2] === 108 && bytes[pos + 3] === 115 && bytes[pos + 4] === 101 ? TokenKind.Bool : 0;
  if (c === 110 /* n */) return end - pos === 4 && bytes[pos + 1] === 117 && bytes[pos + 2] === 108 && bytes[pos + 3] === 108 ? TokenKind.Null : 0;
  let real = false;
  let digits = 0;
  for (let i = pos; i < end; i++) {
    const d = bytes[i];
    if (d >= 48 && d <= 57) digits++;
    else if (d === 46 /* . */ || d === 101 /* e */ || d === 69 /* E */) real = true;
    else if (!(d === 45 /* - */ || d === 43 /* + */)) return 0;
  }
  if (digits === 0) return 0;
  return real ? TokenKind.Real : TokenKind.Integer;
}

/**
 * Skips the value starting at `pos` (no leading whitespace). Returns its end offset and kind, or
 * undefined when no value starts there. `out` is reused to avoid an allocation per value.
 */
export function skipValue(bytes: Uint8Array, pos: number, end: number, out: ScannedValue): ScannedValue | undefined {
  const c = bytes[pos];
  if (c === QUOTE) {
    const e = skipString(bytes, pos, end);
    if (e < 0) return undefined;
    out.end = e;
    out.kind = TokenKind.String;
    return out;
  }
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    const e = skipNested(bytes, pos, end);
    if (e < 0) return undefined;
    out.end = e;
    out.kind = TokenKind.Nested;
    return out;
  }
  const e = skipBare(bytes, pos, end);
  if (e === pos) return undefined;
  const kind = bareKind(bytes, pos, e);
  if (kind === 0) return undefined;
  out.end = e;
  out.kind = kind;
  return out;
}

/** True if the JSON string at [start, end) (quotes included) has an escape sequence. */
export function hasEscape(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end - 1; i++) if (bytes[i] === BACKSLASH) return true;
  return false;
}
