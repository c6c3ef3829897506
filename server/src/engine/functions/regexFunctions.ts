// Scalar functions built on regular expressions: extract, extract_all, replace_regex, trim*,
// countof(…, 'regex'). Patterns given as literals compile once per query; patterns computed per
// row go through compileRegex's cache.

import type { Dynamic, Value } from '../values';
import { NotSupportedLocally, constantArg, type Binder, type Binding, type CallInfo, type FunctionTable } from './call';
import { convertValue } from './convert';
import { compileRegex, type RegexHandle } from './regex';

type RegexSource = (args: Value[]) => RegexHandle;

/**
 * How to get the regex of argument `i` (wrapped by `wrap`, e.g. anchored), or an `unsupported`
 * binding when a literal pattern does not compile.
 */
function regexArg(info: CallInfo, i: number, wrap: (pattern: string) => string = (p) => p): RegexSource | { unsupported: string } {
  const constant = constantArg(info, i);
  if (typeof constant === 'string') {
    const compiled = compileRegex(wrap(constant));
    if ('error' in compiled) return { unsupported: `${info.name}() with an ${compiled.error}` };
    return () => compiled.regex;
  }
  return (args) => {
    const compiled = compileRegex(wrap((args[i] as string | null) ?? ''));
    if ('error' in compiled) throw new NotSupportedLocally(`${info.name}() with an ${compiled.error}`);
    return compiled.regex;
  };
}

/** Binds `make` with the regex of argument `i`, passing an `unsupported` result through. */
function withRegex(info: CallInfo, i: number, make: (regex: RegexSource) => Binding, wrap?: (pattern: string) => string): Binding {
  const regex = regexArg(info, i, wrap);
  return 'unsupported' in regex ? regex : make(regex);
}

function text(v: Value): string {
  return (v as string | null) ?? '';
}

/** `extract(regex, captureGroup, source [, typeof(T)])`: the group's text, converted to T if given. */
const extract: Binder = (info) =>
  withRegex(info, 0, (regex) => (args) => {
    const group = args[1];
    if (group === null) return null;
    const match = regex(args).match(text(args[2]));
    const found = match && (group as number) < match.groups.length ? match.groups[group as number] : null;
    // Documented: no match gives null, which for a string result is "".
    if (found === null) return info.resultType === 'string' ? '' : null;
    return convertValue(found, 'string', info.resultType);
  });

/**
 * `extract_all(regex, [captureGroups,] source)`: every match's groups; an array of strings when one
 * group is selected, of arrays when several are; null when nothing matches.
 */
const extractAll: Binder = (info) => {
  const hasGroups = info.argTypes.length > 2;
  return withRegex(info, 0, (regex) => (args) => {
    const re = regex(args);
    if (re.groupCount === 0) throw new NotSupportedLocally('extract_all() with a regex that has no capture group');
    const selection = hasGroups ? args[1] : undefined;
    if (hasGroups && !Array.isArray(selection)) return null;
    const groups = selectedGroups(re, selection as Dynamic[] | undefined);
    const matches = re.matchAll(text(args[hasGroups ? 2 : 1]));
    if (matches.length === 0) return null;
    return matches.map((match) => {
      const picked = groups.map((g) => match.groups[g] ?? '');
      return picked.length === 1 ? picked[0] : picked;
    });
  });
};

/** Group numbers for `extract_all`'s capture-group selection (numbers or group names). */
function selectedGroups(regex: RegexHandle, selection: Dynamic[] | undefined): number[] {
  if (!selection) return Array.from({ length: regex.groupCount }, (_, i) => i + 1);
  return selection.map((entry) => {
    const g = typeof entry === 'string' ? regex.groupNames.get(entry) : entry;
    if (typeof g !== 'number' || g < 0 || g > regex.groupCount) throw new NotSupportedLocally(`extract_all() with an unknown capture group ${JSON.stringify(entry)}`);
    return g;
  });
}

const replaceRegex: Binder = (info) => withRegex(info, 1, (regex) => (args) => regex(args).replace(text(args[0]), text(args[2])));

/** Removes one match of the regex anchored at the start of the source. */
const trimStart: Binder = (info) =>
  withRegex(info, 0, (regex) => (args) => cutStart(regex(args), text(args[1])), (pattern) => `^(?:${pattern})`);

/** Removes one match of the regex anchored at the end of the source. */
const trimEnd: Binder = (info) =>
  withRegex(info, 0, (regex) => (args) => cutEnd(regex(args), text(args[1])), (pattern) => `(?:${pattern})$`);

const trim: Binder = (info) => {
  const start = regexArg(info, 0, (pattern) => `^(?:${pattern})`);
  const end = regexArg(info, 0, (pattern) => `(?:${pattern})$`);
  if ('unsupported' in start) return start;
  if ('unsupported' in end) return end;
  return (args) => cutEnd(end(args), cutStart(start(args), text(args[1])));
};

function cutStart(anchored: RegexHandle, source: string): string {
  const match = anchored.match(source);
  return match ? source.slice(match.end) : source;
}

function cutEnd(anchored: RegexHandle, source: string): string {
  const match = anchored.match(source);
  return match ? source.slice(0, match.start) : source;
}

/** `countof(text, search [, kind])`: `normal` counts overlapping plain matches, `regex` regex matches. */
const countof: Binder = (info) => {
  const byRegex = withRegex(info, 1, (regex) => (args) => regex(args).matchAll(text(args[0])).length);
  return (args) => {
    const kind = args.length > 2 ? args[2] : 'normal';
    if (kind === 'regex') {
      if (typeof byRegex !== 'function') throw new NotSupportedLocally(byRegex.unsupported);
      return byRegex(args);
    }
    if (kind !== 'normal') throw new NotSupportedLocally(`countof() with kind ${JSON.stringify(kind)}`);
    return countPlain(text(args[0]), text(args[1]));
  };
};

function countPlain(source: string, search: string): number {
  if (search === '') return 0;
  let count = 0;
  for (let at = source.indexOf(search); at !== -1; at = source.indexOf(search, at + 1)) count++;
  return count;
}

/**
 * `indexof_regex(source, regex [, start [, length [, occurrence]]])`: where the n-th
 * non-overlapping match starts, -1 if there is none, null for a negative start (indexof-regex#1).
 */
const indexofRegex: Binder = (info) =>
  withRegex(info, 1, (regex) => (args) => {
    const source = text(args[0]);
    const [, , start = 0, length = -1, occurrence = 1] = args;
    if (start === null || length === null || occurrence === null) return null;
    if ((start as number) < 0 || (occurrence as number) <= 0 || (length as number) < -1) return null;
    const end = length === -1 ? source.length : Math.min(source.length, (start as number) + (length as number));
    const window = source.slice(start as number, end);
    const match = regex(args).matchAll(window)[(occurrence as number) - 1];
    return match ? match.start + (start as number) : -1;
  });

/** `regex_quote(text)`: every ASCII character other than letters, digits and `_` escaped, as RE2's QuoteMeta does. */
function quoteRegex(source: string): string {
  return source.replace(/[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]/g, (c) => (c === '\0' ? '\\x00' : `\\${c}`));
}

export const regexFunctions: FunctionTable = {
  extract,
  extract_all: extractAll,
  replace_regex: replaceRegex,
  trim,
  trim_start: trimStart,
  trim_end: trimEnd,
  countof,
  indexof_regex: indexofRegex,
  regex_quote: () => (args) => quoteRegex(text(args[0])),
};
