// Kusto's string operators. `has` and its relatives match *terms*, not substrings: a term is a
// maximal run of term characters (see `isTermChar`), so `"tvnserver.exe" has "vnc"` is false.
//
// Everything here runs once per row over millions of rows, so the matchers compare character
// codes in place and never allocate a lowered copy of the haystack.
//
// Open questions from KQL-SEMANTICS.md each live in one function below, so that a correction
// after checking a real engine is a one-line change: `isTermChar` (is `_` / non-ASCII a term
// character?), `foldCase` (case-insensitive is ASCII-only), and `EMPTY_NEEDLE_MATCHES` (has /
// contains with an empty operand).

/**
 * Open question: which characters make up terms. Working model: ASCII letters and digits only, as
 * older Kusto docs said ("ASCII alphanumeric"). So `_` separates terms (`Hello_World` is two terms,
 * as a Stack Overflow answer, question 74827840, reports), and so does every non-ASCII character.
 */
export function isTermChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Case folding for the case-insensitive operators. Kusto documents them as supported for ASCII
 * text only (`includes/in-operator-comparison.md`), so only `A`–`Z` fold; other characters must
 * match exactly.
 */
export function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code | 32 : code;
}

/** `foldCase` applied to a whole string (allocates; for needles, once per compile). */
export function foldString(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : text;
}

/**
 * Open question: does an empty needle match? Working model: yes, for every operator (the empty
 * string is a substring, prefix and suffix of every string, and the empty phrase needs no term).
 */
export const EMPTY_NEEDLE_MATCHES = true;

/** True when `a` and `b` are equal under ASCII case folding (`=~`). */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    if (foldCase(a.charCodeAt(i)) !== foldCase(b.charCodeAt(i))) return false;
  }
  return true;
}

// --- the matcher behind every operator ---------------------------------------------------------

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

/** A matcher for `haystack <op> needle` with the needle folded once, not once per row. */
export function compileStringOperator(op: StringOperator, needle: string): (haystack: string) => boolean {
  const folded = foldString(needle);
  switch (op) {
    case 'has':
      return (h) => find(h, folded, false, HAS);
    case 'has_cs':
      return (h) => find(h, needle, true, HAS);
    case 'hasprefix':
      return (h) => find(h, folded, false, PREFIX);
    case 'hasprefix_cs':
      return (h) => find(h, needle, true, PREFIX);
    case 'hassuffix':
      return (h) => find(h, folded, false, SUFFIX);
    case 'hassuffix_cs':
      return (h) => find(h, needle, true, SUFFIX);
    case 'contains':
      return (h) => find(h, folded, false, ANYWHERE);
    case 'contains_cs':
      return (h) => containsCs(h, needle);
    case 'startswith':
      return (h) => startsWith(h, needle);
    case 'startswith_cs':
      return (h) => startsWithCs(h, needle);
    case 'endswith':
      return (h) => endsWith(h, needle);
    case 'endswith_cs':
      return (h) => endsWithCs(h, needle);
    case '==':
      return (h) => h === needle;
    case '=~':
      return (h) => equalsIgnoreCase(h, needle);
  }
}

// --- has_any / has_all over many needles -------------------------------------------------------

/** True when every character of `needle` is a term character: it can only match one whole term. */
function isSingleTerm(needle: string): boolean {
  for (let i = 0; i < needle.length; i++) if (!isTermChar(needle.charCodeAt(i))) return false;
  return needle.length > 0;
}

/**
 * Single-term needles indexed by a hash of their (folded) text, so that a haystack is tokenised once
 * and each of its terms costs one hash-table probe, whatever the number of needles.
 */
class TermIndex {
  private readonly buckets = new Map<number, { text: string; id: number }[]>();
  private minLength = Infinity;
  private maxLength = 0;

  constructor(private readonly caseSensitive: boolean) {}

  add(term: string, id: number): void {
    const key = this.hash(term, 0, term.length);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ text: term, id });
    else this.buckets.set(key, [{ text: term, id }]);
    this.minLength = Math.min(this.minLength, term.length);
    this.maxLength = Math.max(this.maxLength, term.length);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Calls `found(id)` for each needle equal to a term of `haystack`; stops when it returns true. */
  scan(haystack: string, found: (id: number) => boolean): boolean {
    const n = haystack.length;
    let i = 0;
    while (i < n) {
      while (i < n && !isTermChar(haystack.charCodeAt(i))) i++;
      const start = i;
      while (i < n && isTermChar(haystack.charCodeAt(i))) i++;
      const length = i - start;
      if (length < this.minLength || length > this.maxLength) continue;
      const bucket = this.buckets.get(this.hash(haystack, start, i));
      if (!bucket) continue;
      for (const entry of bucket) {
        if (entry.text.length === length && this.sameText(haystack, start, entry.text) && found(entry.id)) return true;
      }
    }
    return false;
  }

  private hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ (this.caseSensitive ? c : foldCase(c)), 0x01000193);
    }
    return h;
  }

  private sameText(haystack: string, start: number, term: string): boolean {
    for (let j = 0; j < term.length; j++) {
      const c = haystack.charCodeAt(start + j);
      if ((this.caseSensitive ? c : foldCase(c)) !== term.charCodeAt(j)) return false;
    }
    return true;
  }
}

interface NeedleSet {
  terms: TermIndex;
  /** Needles with non-term characters (or empty), matched one by one as aligned phrases. */
  phrases: string[];
  /** How many distinct needles there are. */
  count: number;
}

function buildNeedleSet(needles: string[], caseSensitive: boolean): NeedleSet {
  const terms = new TermIndex(caseSensitive);
  const phrases: string[] = [];
  const distinct = new Set(needles.map((needle) => (caseSensitive ? needle : foldString(needle))));
  let id = 0;
  for (const needle of distinct) {
    if (isSingleTerm(needle)) terms.add(needle, id++);
    else phrases.push(needle);
  }
  return { terms, phrases, count: distinct.size };
}

/** `has_any`: the haystack has at least one of the needles (each with `has` semantics). */
export function compileHasAny(needles: string[], caseSensitive: boolean): (haystack: string) => boolean {
  const { terms, phrases } = buildNeedleSet(needles, caseSensitive);
  const always = () => true;
  return (haystack) => {
    if (terms.size > 0 && terms.scan(haystack, always)) return true;
    for (const phrase of phrases) if (find(haystack, phrase, caseSensitive, HAS)) return true;
    return false;
  };
}

/** `has_all`: the haystack has every one of the needles. */
export function compileHasAll(needles: string[], caseSensitive: boolean): (haystack: string) => boolean {
  const { terms, phrases, count } = buildNeedleSet(needles, caseSensitive);
  const termCount = count - phrases.length;
  // A stamp per needle instead of a fresh Set per row: needle i was seen in this call when
  // seen[i] === call.
  const seen = new Int32Array(termCount);
  let call = 0;
  const resetStamps = () => {
    seen.fill(0);
    return 1;
  };
  return (haystack) => {
    for (const phrase of phrases) if (!find(haystack, phrase, caseSensitive, HAS)) return false;
    if (termCount === 0) return true;
    call = call === 0x7fffffff ? resetStamps() : call + 1;
    let missing = termCount;
    return terms.scan(haystack, (id) => {
      if (seen[id] !== call) {
        seen[id] = call;
        missing--;
      }
      return missing === 0;
    });
  };
}
