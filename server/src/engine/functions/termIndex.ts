// has_any / has_all over many needles in one pass over the haystack.
//
// Under `has`, every maximal run of term characters inside a needle must be a whole term of the
// haystack: a run that is bounded inside the needle by a non-term character is bounded the same
// way in the haystack, and a run at either end of the needle is bounded by the alignment `has`
// requires. So each needle is indexed by its first term; the haystack is tokenised once, each of
// its terms costs one hash probe, and only needles whose first term occurs are checked in full.

import { ASCII_TERM_CHARS, EMPTY_NEEDLE_MATCHES, foldString, isTermChar } from './terms';

// Module-local copies: under a CommonJS transform every use of an imported binding is a property
// read through the module object, which costs more than the work itself in these loops.
const TERM_TABLE = ASCII_TERM_CHARS;
const isNonAsciiTermChar = isTermChar;

interface Entry {
  /** The needle (folded unless case-sensitive). */
  needle: string;
  /** Its first term, the index key. */
  term: string;
  /** Where that term starts inside the needle. */
  offset: number;
  /** Whether the needle's last character is a term character, so its end must end a term. */
  alignEnd: boolean;
  /** The needle's number among the distinct needles. */
  id: number;
}

function isTerm(code: number): boolean {
  return code < 128 ? TERM_TABLE[code] === 1 : isNonAsciiTermChar(code);
}

function hashOf(text: string, start: number, end: number, caseSensitive: boolean): number {
  let h = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (!caseSensitive && c >= 65 && c <= 90) c += 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

export class NeedleIndex {
  /** How many distinct needles there are. */
  readonly count: number;
  /** Needles without any term character (or empty): matched as plain substrings. */
  private readonly termless: { needle: string; id: number }[] = [];
  private readonly buckets = new Map<number, Entry[]>();
  private minTerm = Infinity;
  private maxTerm = 0;

  constructor(
    needles: string[],
    private readonly caseSensitive: boolean,
  ) {
    const distinct = [...new Set(caseSensitive ? needles : needles.map(foldString))];
    this.count = distinct.length;
    distinct.forEach((needle, id) => {
      let offset = 0;
      while (offset < needle.length && !isTerm(needle.charCodeAt(offset))) offset++;
      if (offset === needle.length) {
        this.termless.push({ needle, id });
        return;
      }
      let end = offset;
      while (end < needle.length && isTerm(needle.charCodeAt(end))) end++;
      const term = needle.slice(offset, end);
      const entry: Entry = { needle, term, offset, alignEnd: isTerm(needle.charCodeAt(needle.length - 1)), id };
      const key = hashOf(term, 0, term.length, true);
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(entry);
      else this.buckets.set(key, [entry]);
      this.minTerm = Math.min(this.minTerm, term.length);
      this.maxTerm = Math.max(this.maxTerm, term.length);
    });
  }

  /**
   * Calls `found(id)` for needles that occur in `haystack` (a needle may be reported more than
   * once); stops as soon as `found` returns true, and then returns true.
   */
  scan(haystack: string, found: (id: number) => boolean): boolean {
    for (const { needle, id } of this.termless) {
      // A termless needle has no ASCII letters, so case folding cannot change it.
      if ((needle.length === 0 ? EMPTY_NEEDLE_MATCHES : haystack.includes(needle)) && found(id)) return true;
    }
    if (this.buckets.size === 0) return false;
    const caseSensitive = this.caseSensitive;
    const n = haystack.length;
    let i = 0;
    while (i < n) {
      let c = haystack.charCodeAt(i);
      if (!isTerm(c)) {
        i++;
        continue;
      }
      const start = i;
      let h = 0;
      for (;;) {
        if (!caseSensitive && c >= 65 && c <= 90) c += 32;
        h = (Math.imul(h, 31) + c) | 0;
        if (++i >= n) break;
        c = haystack.charCodeAt(i);
        if (!isTerm(c)) break;
      }
      const length = i - start;
      if (length < this.minTerm || length > this.maxTerm) continue;
      const bucket = this.buckets.get(h);
      if (bucket === undefined) continue;
      for (const entry of bucket) {
        if (entry.term.length === length && this.matchesAt(haystack, start - entry.offset, entry) && found(entry.id)) return true;
      }
    }
    return false;
  }

  /** Whether `entry.needle` occurs at `at` (its first term already starts a whole haystack term there). */
  private matchesAt(haystack: string, at: number, entry: Entry): boolean {
    const needle = entry.needle;
    const end = at + needle.length;
    if (at < 0 || end > haystack.length) return false;
    if (entry.alignEnd && end < haystack.length && isTerm(haystack.charCodeAt(end))) return false;
    for (let j = 0; j < needle.length; j++) {
      let c = haystack.charCodeAt(at + j);
      if (!this.caseSensitive && c >= 65 && c <= 90) c += 32;
      if (c !== needle.charCodeAt(j)) return false;
    }
    return true;
  }
}
