// Kusto's string operators. `has` and its relatives match *terms*, not substrings: a term is a
// maximal run of term characters (see terms.ts), so `"tvnserver.exe" has "vnc"` is false.
//
// The direct functions (`has(h, n)`, …) serve needles known only per row. When the needle is a
// constant, `compileStringOperator` builds the matcher once: a regular expression made only of
// the escaped needle (so it cannot backtrack badly), which V8 scans far faster than a JavaScript
// loop, with ASCII-only case folding spelled out as `[aA]` classes.

import { NeedleIndex } from './termIndex';
import { EMPTY_NEEDLE_MATCHES, foldCase as importedFoldCase, foldString, isTermChar as importedIsTermChar, TERM_CLASS } from './terms';

export { EMPTY_NEEDLE_MATCHES, foldCase, foldString, isTermChar } from './terms';

// Module-local copies for the per-character loops: under a CommonJS transform every use of an
// imported binding is a property read through the module object.
const foldCase = importedFoldCase;
const isTermChar = importedIsTermChar;

/** True when `a` and `b` are equal under ASCII case folding (`=~`). */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    if (foldCase(a.charCodeAt(i)) !== foldCase(b.charCodeAt(i))) return false;
  }
  return true;
}

// --- the matcher behind the direct functions ----------------------------------------------------

/**
 * Where a needle may sit in the haystack. `start`: its first character must begin a term (if that
 * character is a term character). `end`: its last character must end a term (likewise). `has`
 * needs both, `hasprefix` the start, `hassuffix` the end, `contains` neither.
 *
 * This is also the working model for needles with non-term characters (`"teamviewer_service.exe"`,
 * `@"\Temp\"`), which the docs leave undefined: the needle is a phrase whose outer terms line up
 * with term boundaries and whose separators match literally. `has "/providers/"` then behaves like
 * `contains "/providers/"`, as a report on 36M rows observed (finops-toolkit PR #2220).
 */
interface Alignment {
  start: boolean;
  end: boolean;
}

const HAS: Alignment = { start: true, end: true };
const PREFIX: Alignment = { start: true, end: false };
const SUFFIX: Alignment = { start: false, end: true };
const ANYWHERE: Alignment = { start: false, end: false };

/**
 * Finds `needle` in `haystack` at an allowed position. With `caseSensitive` false the needle must
 * already be folded (`foldString`).
 */
function find(haystack: string, needle: string, caseSensitive: boolean, align: Alignment): boolean {
  const m = needle.length;
  if (m === 0) return EMPTY_NEEDLE_MATCHES;
  const n = haystack.length;
  if (m > n) return false;
  const first = needle.charCodeAt(0);
  const checkStart = align.start && isTermChar(first);
  const checkEnd = align.end && isTermChar(needle.charCodeAt(m - 1));
  const last = n - m;
  for (let i = 0; i <= last; i++) {
    const c = haystack.charCodeAt(i);
    if ((caseSensitive ? c : foldCase(c)) !== first) continue;
    if (checkStart && i > 0 && isTermChar(haystack.charCodeAt(i - 1))) continue;
    if (checkEnd && i + m < n && isTermChar(haystack.charCodeAt(i + m))) continue;
    let j = 1;
    if (caseSensitive) {
      while (j < m && haystack.charCodeAt(i + j) === needle.charCodeAt(j)) j++;
    } else {
      while (j < m && foldCase(haystack.charCodeAt(i + j)) === needle.charCodeAt(j)) j++;
    }
    if (j === m) return true;
  }
  return false;
}

/** `has`: `needle` is a whole term (or an aligned phrase) of `haystack`, case-insensitively. */
export function has(haystack: string, needle: string): boolean {
  return find(haystack, foldString(needle), false, HAS);
}
/** `has_cs`. */
export function hasCs(haystack: string, needle: string): boolean {
  return find(haystack, needle, true, HAS);
}
/** `hasprefix`: some term of `haystack` starts with `needle`. */
export function hasPrefix(haystack: string, needle: string): boolean {
  return find(haystack, foldString(needle), false, PREFIX);
}
/** `hasprefix_cs`. */
export function hasPrefixCs(haystack: string, needle: string): boolean {
  return find(haystack, needle, true, PREFIX);
}
/** `hassuffix`: some term of `haystack` ends with `needle`. */
export function hasSuffix(haystack: string, needle: string): boolean {
  return find(haystack, foldString(needle), false, SUFFIX);
}
/** `hassuffix_cs`. */
export function hasSuffixCs(haystack: string, needle: string): boolean {
  return find(haystack, needle, true, SUFFIX);
}
/** `contains`: any substring, case-insensitively. */
export function contains(haystack: string, needle: string): boolean {
  return find(haystack, foldString(needle), false, ANYWHERE);
}
/** `contains_cs`. */
export function containsCs(haystack: string, needle: string): boolean {
  return needle.length === 0 ? EMPTY_NEEDLE_MATCHES : haystack.includes(needle);
}
/** `startswith`: prefix of the whole string, case-insensitively. */
export function startsWith(haystack: string, needle: string): boolean {
  if (needle.length === 0) return EMPTY_NEEDLE_MATCHES;
  return needle.length <= haystack.length && equalsIgnoreCase(haystack.slice(0, needle.length), needle);
}
/** `startswith_cs`. */
export function startsWithCs(haystack: string, needle: string): boolean {
  return needle.length === 0 ? EMPTY_NEEDLE_MATCHES : haystack.startsWith(needle);
}
/** `endswith`: suffix of the whole string, case-insensitively. */
export function endsWith(haystack: string, needle: string): boolean {
  if (needle.length === 0) return EMPTY_NEEDLE_MATCHES;
  return needle.length <= haystack.length && equalsIgnoreCase(haystack.slice(haystack.length - needle.length), needle);
}
/** `endswith_cs`. */
export function endsWithCs(haystack: string, needle: string): boolean {
  return needle.length === 0 ? EMPTY_NEEDLE_MATCHES : haystack.endsWith(needle);
}

// --- compiled forms, for a needle known before the rows are read -------------------------------

/** The string operators with a right-hand side, by Kusto name (negations are the caller's `!`). */
export type StringOperator =
  | 'has'
  | 'has_cs'
  | 'hasprefix'
  | 'hasprefix_cs'
  | 'hassuffix'
  | 'hassuffix_cs'
  | 'contains'
  | 'contains_cs'
  | 'startswith'
  | 'startswith_cs'
  | 'endswith'
  | 'endswith_cs'
  | '=='
  | '=~';

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

/** The needle as regex source: metacharacters escaped, ASCII letters as `[aA]` unless case-sensitive. */
function literalSource(needle: string, caseSensitive: boolean): string {
  let source = '';
  for (const c of needle) {
    const code = c.charCodeAt(0);
    if (!caseSensitive && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) source += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else source += REGEX_SPECIAL.test(c) ? `\\${c}` : c;
  }
  return source;
}

/** A regex finding `needle` with the alignment `align` (term boundaries only where the needle has term characters). */
function needleRegex(needle: string, caseSensitive: boolean, align: Alignment): RegExp {
  const before = align.start && isTermChar(needle.charCodeAt(0)) ? `(?<![${TERM_CLASS}])` : '';
  const after = align.end && isTermChar(needle.charCodeAt(needle.length - 1)) ? `(?![${TERM_CLASS}])` : '';
  return new RegExp(before + literalSource(needle, caseSensitive) + after);
}

function regexMatcher(regex: RegExp): (haystack: string) => boolean {
  return (haystack) => regex.test(haystack);
}

/** A matcher for `haystack <op> needle`, built once for a constant needle. */
export function compileStringOperator(op: StringOperator, needle: string): (haystack: string) => boolean {
  if (op === '==') return (h) => h === needle;
  if (op === '=~') return (h) => equalsIgnoreCase(h, needle);
  if (needle.length === 0) return () => EMPTY_NEEDLE_MATCHES;
  switch (op) {
    case 'has':
      return regexMatcher(needleRegex(needle, false, HAS));
    case 'has_cs':
      return regexMatcher(needleRegex(needle, true, HAS));
    case 'hasprefix':
      return regexMatcher(needleRegex(needle, false, PREFIX));
    case 'hasprefix_cs':
      return regexMatcher(needleRegex(needle, true, PREFIX));
    case 'hassuffix':
      return regexMatcher(needleRegex(needle, false, SUFFIX));
    case 'hassuffix_cs':
      return regexMatcher(needleRegex(needle, true, SUFFIX));
    case 'contains':
      return regexMatcher(needleRegex(needle, false, ANYWHERE));
    case 'contains_cs':
      return (h) => h.includes(needle);
    case 'startswith':
      return regexMatcher(new RegExp(`^${literalSource(needle, false)}`));
    case 'startswith_cs':
      return (h) => h.startsWith(needle);
    case 'endswith':
      return regexMatcher(new RegExp(`${literalSource(needle, false)}$`));
    case 'endswith_cs':
      return (h) => h.endsWith(needle);
  }
}

// --- has_any / has_all over many needles ---------------------------------------------------------

/** `has_any`: the haystack has at least one of the needles (each with `has` semantics). */
export function compileHasAny(needles: string[], caseSensitive: boolean): (haystack: string) => boolean {
  const index = new NeedleIndex(needles, caseSensitive);
  const stop = () => true;
  return (haystack) => index.scan(haystack, stop);
}

/** `has_all`: the haystack has every one of the needles. */
export function compileHasAll(needles: string[], caseSensitive: boolean): (haystack: string) => boolean {
  const index = new NeedleIndex(needles, caseSensitive);
  if (index.count === 0) return () => true;
  // A stamp per needle instead of a fresh Set per row: needle i was seen in this call when
  // seen[i] === call.
  const seen = new Int32Array(index.count);
  let call = 0;
  let missing = 0;
  const mark = (id: number) => {
    if (seen[id] !== call) {
      seen[id] = call;
      missing--;
    }
    return missing === 0;
  };
  return (haystack) => {
    if (call === 0x7fffffff) {
      seen.fill(0);
      call = 0;
    }
    call++;
    missing = index.count;
    return index.scan(haystack, mark);
  };
}
