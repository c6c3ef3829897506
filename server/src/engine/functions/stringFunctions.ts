// Scalar string functions that need no regular expression: case, length, slicing, joining,
// splitting, replacing, encoding. (Regex-based ones live in regexFunctions.ts.)

import type { Dynamic, ScalarType, Value } from '../values';
import { NotSupportedLocally, nullIfAnyNull, type Binder, type CallInfo, type FunctionTable } from './call';
import { toKustoString } from './convert';
import { has } from './strings';

/** Argument `i` as text: strings as they are, other types as `tostring()` renders them. */
function textArg(info: CallInfo, args: Value[], i: number): string {
  const type: ScalarType = info.argTypes[i] ?? 'string';
  return type === 'string' ? ((args[i] as string | null) ?? '') : toKustoString(args[i], type);
}

function numberArg(args: Value[], i: number): number | null {
  const v = args[i];
  return v === null || v === undefined ? null : Number(v);
}

/** A function of its arguments' texts. */
function textFunction(compute: (texts: string[]) => Value): Binder {
  return (info) => (args) => compute(args.map((_, i) => textArg(info, args, i)));
}

/** A function of one text, without a per-row array (tolower and friends run on every row). */
function unaryText(compute: (text: string) => Value): Binder {
  return (info) => {
    const type: ScalarType = info.argTypes[0] ?? 'string';
    if (type === 'string') return (args) => compute((args[0] as string | null) ?? '');
    return (args) => compute(toKustoString(args[0], type));
  };
}

const substring: Binder = (info) => (args) => {
  const source = textArg(info, args, 0);
  const start = numberArg(args, 1);
  const length = args.length > 2 ? numberArg(args, 2) : source.length;
  if (start === null || length === null) return null;
  if (length < 0) throw new NotSupportedLocally('substring() with a negative length');
  // A negative start counts from the end of the string (documented: substring("123456", -2, 2) → "56").
  const from = start < 0 ? Math.max(0, source.length + start) : start;
  return source.substr(from, length);
};

/** `split(source, delimiter [, index])`: .NET String.Split with the whole delimiter. */
const split: Binder = (info) => (args) => {
  const source = textArg(info, args, 0);
  const delimiter = textArg(info, args, 1);
  const parts = delimiter === '' ? [source] : source.split(delimiter);
  if (args.length < 3) return parts;
  const index = numberArg(args, 2);
  if (index === null) return null;
  // Documented: the returned array holds the substring at the index "if it exists".
  return index >= 0 && index < parts.length ? [parts[index]] : [];
};

/**
 * `indexof(source, lookup [, start [, length [, occurrence]]])`: -1 when not found, null on bad
 * arguments. A negative start counts from the end. Each successive occurrence is searched in a
 * window of `length` positions from just after the previous one, which is what the documented
 * examples show (indexof("abcdefgabcdefg", "cde", 1, 10, 2) is 9, yet ("abcdefg", "cde", 1, 2) is -1).
 */
const indexof: Binder = (info) => (args) => {
  const source = textArg(info, args, 0);
  const lookup = textArg(info, args, 1);
  const start = args.length > 2 ? numberArg(args, 2) : 0;
  const length = args.length > 3 ? numberArg(args, 3) : -1;
  const occurrence = args.length > 4 ? numberArg(args, 4) : 1;
  if (start === null || length === null || occurrence === null) return null;
  const from = start < 0 ? source.length + start : start;
  if (from < 0 || occurrence < 0 || length < -1) return null;
  let at = from - 1;
  for (let found = 0; found < Math.max(occurrence, 1); found++) {
    const windowStart = at + 1;
    const windowEnd = length === -1 ? source.length : Math.min(source.length, windowStart + length);
    at = source.indexOf(lookup, windowStart);
    if (at === -1 || at + lookup.length > windowEnd) return -1;
  }
  return at;
};

const strrep: Binder = (info) => (args) => {
  const text = textArg(info, args, 0);
  const times = numberArg(args, 1);
  if (times === null) return null;
  const delimiter = args.length > 2 ? textArg(info, args, 2) : '';
  if (times <= 0) return '';
  if (times > 1024) throw new NotSupportedLocally('strrep() with more than 1024 repetitions');
  return Array.from({ length: times }, () => text).join(delimiter);
};

const base64Decode: Binder = (info) => (args) => {
  const text = textArg(info, args, 0);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return '';
  const bytes = Buffer.from(text, 'base64');
  // Documented (base64-decode-tostring#2): bytes that are not valid UTF-8 give an empty string.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return '';
  }
};

const strcmp: Binder = (info) => (args) => {
  const a = textArg(info, args, 0);
  const b = textArg(info, args, 1);
  return a < b ? -1 : a > b ? 1 : 0;
};

/**
 * `replace_strings(text, lookups, rewrites)`: all replacements at once on the original text. Where
 * matches of two lookups overlap, the lookup listed first wins (replace-strings#3: with
 * ['is', 'This'], "This" becomes "Thwas"). A rewrite that is not a string leaves its matches as
 * they are, though they still take part in overlaps (replace-strings#4).
 */
const replaceStrings: Binder = () => (args) => {
  const [source, lookups, rewrites] = args;
  const text = (source as string | null) ?? '';
  if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text;
  const claimed: { start: number; end: number; rewrite: string }[] = [];
  const overlaps = (start: number, end: number) => claimed.some((c) => start < c.end && c.start < end);
  lookups.forEach((lookup, i) => {
    if (typeof lookup !== 'string' || lookup === '') return;
    if (i >= rewrites.length) throw new NotSupportedLocally('replace_strings() with fewer rewrites than lookups');
    const rewrite = typeof rewrites[i] === 'string' ? (rewrites[i] as string) : lookup;
    for (let at = text.indexOf(lookup); at !== -1; ) {
      const end = at + lookup.length;
      if (overlaps(at, end)) {
        at = text.indexOf(lookup, at + 1);
      } else {
        claimed.push({ start: at, end, rewrite });
        at = text.indexOf(lookup, end);
      }
    }
  });
  claimed.sort((a, b) => a.start - b.start);
  let out = '';
  let copied = 0;
  for (const c of claimed) {
    out += text.slice(copied, c.start) + c.rewrite;
    copied = c.end;
  }
  return out + text.slice(copied);
};

/** `has_any_index(source, lookups)`: the index of the first lookup that `source` has, or -1. */
const hasAnyIndex: Binder = (info) => (args) => {
  const source = textArg(info, args, 0);
  const lookups = args[1];
  if (!Array.isArray(lookups)) return -1;
  return lookups.findIndex((lookup) => lookup !== null && has(source, toKustoString(lookup, 'dynamic')));
};

/**
 * translate(searchList, replacementList, source), per its doc examples: each character of the
 * search list maps to the replacement at its position; a shorter replacement list repeats its last
 * character ("abc", "x" → "xxx") and an empty one deletes ("abc", "" → ""). A search list naming a
 * character twice is not covered by the docs and is reported.
 */
function translate([searchList, replacementList, source]: string[]): string {
  const search = Array.from(searchList);
  const replacements = Array.from(replacementList);
  if (new Set(search).size !== search.length) throw new NotSupportedLocally('translate() with a repeated character in its search list');
  const map = new Map(search.map((c, i) => [c, replacements.length === 0 ? '' : replacements[Math.min(i, replacements.length - 1)]]));
  return Array.from(source, (c) => map.get(c) ?? c).join('');
}

export const stringFunctions: FunctionTable = {
  translate: (info) => (info.argTypes.length === 3 ? textFunction(translate)(info) : { unsupported: `translate() with ${info.argTypes.length} arguments` }),
  tolower: unaryText((s) => s.toLowerCase()),
  toupper: unaryText((s) => s.toUpperCase()),
  strlen: unaryText((s) => s.length),
  strcat: textFunction((texts) => texts.join('')),
  strcat_delim: textFunction(([delimiter, ...texts]) => texts.join(delimiter)),
  reverse: unaryText((s) => Array.from(s).reverse().join('')),
  replace_string: textFunction(([text, lookup, rewrite]) => (lookup === '' ? text : text.split(lookup).join(rewrite))),
  base64_encode_tostring: unaryText((s) => Buffer.from(s, 'utf8').toString('base64')),
  base64_decode_tostring: base64Decode,
  url_encode: unaryText((s) => urlEncode(s)),
  url_decode: unaryText((s) => urlDecode(s)),
  substring,
  split,
  indexof,
  strrep,
  strcmp,
  replace_strings: replaceStrings,
  has_any_index: hasAnyIndex,
  // string_size counts the UTF-8 bytes of the text.
  string_size: unaryText((s) => Buffer.byteLength(s, 'utf8')),
  isascii: unaryText((s) => /^[\x00-\x7f]*$/.test(s)),
  strcat_array: (info) =>
    nullIfAnyNull((args) => {
      const array = args[0] as Dynamic;
      if (!Array.isArray(array)) return null;
      return array.map((element) => toKustoString(element, 'dynamic')).join(textArg(info, args, 1));
    }),
};

/**
 * `url_encode`: .NET's HttpUtility.UrlEncode, which Kusto's example matches (`https://www.bing.com/hello world`
 * → `https%3a%2f%2fwww.bing.com%2fhello+world`): space as `+`, lowercase hex escapes of UTF-8 bytes,
 * and `-_.!*()` plus letters and digits left alone.
 */
function urlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.!*()]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += '%' + byte.toString(16).padStart(2, '0');
  }
  return out;
}

/** `url_decode`: `%xx` escapes (as UTF-8) and `+` as space; malformed escapes stay as written. */
function urlDecode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    } else if (text[i] === '+') {
      bytes.push(0x20);
      i++;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
