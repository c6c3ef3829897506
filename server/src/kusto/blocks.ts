// What a query block is, once for the editor, lint, `run`, `test`, the preview and tuning.
//
// Kusto Explorer's rule (Kusto.Language's CodeScript): a script splits at blank lines, except a
// blank line inside a string literal (a ``` or ~~~ multi-line string) splits nothing. We add one
// rule of our own: a block of nothing but declarations (`let`, `declare`, `set`, `alias`) cannot
// run alone, so it is the prelude of the next block rather than a query of its own. Without it,
// a blank line after a detection's `let`s would cut the query from the names it uses.
//
// Pure text scanning, no parse: the preview splits on every keystroke and analyses only the block
// it runs.

import type { Span } from '../text/span';

/** A block that holds a query, from its first to its last non-blank line. */
export interface QueryBlock extends Span {
  /** 0-based position among the document's query blocks. */
  index: number;
  text: string;
  /** The name a `// name: …` comment gives the block, before its first line of code. */
  name?: string;
}

/** Statements that declare rather than query: a block of only these is a prelude. */
const DECLARATIONS = new Set(['let', 'declare', 'set', 'alias']);
const MULTI_LINE_QUOTES = ['```', '~~~'];
const NAME_COMMENT = /^\s*\/\/\s*name\s*:\s*(.*?)\s*$/i;

/**
 * The whole text cut into contiguous ranges, as CodeScript cuts it (a run of blank lines is a
 * range of its own), with declaration-only ranges joined to the next range that has code.
 */
export function scriptRanges(text: string): Span[] {
  return joinPreludes(text, codeScriptRanges(text));
}

/** The ranges exactly as Kusto's CodeScript cuts the text: at blank lines outside string literals. */
export function codeScriptRanges(text: string): Span[] {
  const literals = literalRanges(text);
  const starts = lineSeparatedStarts(text).filter((start) => !literals.some((range) => range.start < start && start < range.end));
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : text.length }));
}

/** The ranges of `text` that hold code, each trimmed to its first and last non-blank line. */
export function queryBlocks(text: string): QueryBlock[] {
  const blocks: QueryBlock[] = [];
  for (const range of scriptRanges(text)) {
    const code = codeOf(text, range);
    if (code.trim() === '') continue;
    const trimmed = trimBlankLines(text, range);
    blocks.push({ ...trimmed, index: blocks.length, text: text.slice(trimmed.start, trimmed.end), name: nameOf(text.slice(trimmed.start, trimmed.end)) });
  }
  return blocks;
}

/**
 * The block at `offset`: the last one starting at or before it. Blocks are separated by at least
 * a blank line, so an offset between two blocks belongs to the one above it.
 */
export function blockAt<T extends Span>(blocks: readonly T[], offset: number): T | undefined {
  let found: T | undefined;
  for (const block of blocks) {
    if (block.start > offset) break;
    found = block;
  }
  return found;
}

/** Names from `candidates` the text mentions as identifiers outside comments and string literals. */
export function namesMentioned(text: string, candidates: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of codeOf(text, { start: 0, end: text.length }).matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    if (candidates.has(match[0])) found.add(match[0]);
  }
  return [...found];
}

/**
 * Where CodeScript starts ranges: at 0, at the first non-blank line after blank lines, and at each
 * blank line after the first of a run (so the first blank line stays with the code above it).
 */
function lineSeparatedStarts(text: string): number[] {
  const starts = [0];
  let startAtBlank = false;
  let startAtCode = false;
  // Lines as Kusto counts them: text ending in a line break has an empty last line.
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length + 1 : newline + 1;
    if (text.slice(lineStart, lineEnd).trim() === '') {
      if (startAtBlank) starts.push(lineStart);
      startAtBlank = true;
      startAtCode = true;
    } else if (startAtCode) {
      starts.push(lineStart);
      startAtBlank = false;
      startAtCode = false;
    }
    lineStart = lineEnd;
  }
  // A blank first line makes a start at 0 twice.
  return starts.filter((start, i) => i === 0 || start !== starts[i - 1]);
}

/** Ranges of string literals and `//` comments: a block cannot start inside them. */
function literalRanges(text: string): Span[] {
  const ranges: Span[] = [];
  for (let i = 0; i < text.length; ) {
    const length = literalLength(text, i) || commentLength(text, i);
    if (length > 0) {
      ranges.push({ start: i, end: i + length });
      i += length;
    } else i++;
  }
  return ranges;
}

/** Length of the string literal at `i` (`"…"`, `'…'`, `@"…"`, `h"…"`, ```…```, ~~~…~~~), or 0. */
function literalLength(text: string, i: number): number {
  let pos = i;
  if (text[pos] === 'h' || text[pos] === 'H') pos++;
  const verbatim = text[pos] === '@';
  if (verbatim) pos++;
  const quote = text[pos];
  if (quote === '"' || quote === "'") {
    pos++;
    while (pos < text.length) {
      const ch = text[pos];
      if (verbatim && ch === quote && text[pos + 1] === quote) pos += 2;
      else if (!verbatim && ch === '\\' && pos + 1 < text.length && text[pos + 1] !== '\n' && text[pos + 1] !== '\r') pos += 2;
      else if (ch === quote || ch === '\n' || ch === '\r') break;
      else pos++;
    }
    if (text[pos] === quote) pos++;
    return pos - i;
  }
  if (pos !== i) return 0;
  for (const fence of MULTI_LINE_QUOTES) {
    if (!text.startsWith(fence, i)) continue;
    const close = text.indexOf(fence, i + fence.length);
    return (close < 0 ? text.length : close + fence.length) - i;
  }
  return 0;
}

function commentLength(text: string, i: number): number {
  if (text[i] !== '/' || text[i + 1] !== '/') return 0;
  const newline = text.indexOf('\n', i);
  return (newline < 0 ? text.length : newline) - i;
}

/** The range's text with comments removed and string literals emptied, for looking at its code. */
function codeOf(text: string, range: Span): string {
  let code = '';
  for (let i = range.start; i < range.end; ) {
    const literal = literalLength(text, i);
    if (literal > 0) {
      code += '""';
      i += literal;
      continue;
    }
    const comment = commentLength(text, i);
    if (comment > 0) {
      i += comment;
      continue;
    }
    code += text[i++];
  }
  return code;
}

/** Joins each range of declarations only (with the blank range after it) to the next range with code. */
function joinPreludes(text: string, ranges: Span[]): Span[] {
  const joined: Span[] = [];
  let prelude: Span | undefined;
  for (const range of ranges) {
    const code = codeOf(text, range);
    if (prelude) {
      prelude = { start: prelude.start, end: range.end };
      if (code.trim() === '' || declaresOnly(code)) continue;
      joined.push(prelude);
      prelude = undefined;
    } else if (code.trim() !== '' && declaresOnly(code)) prelude = range;
    else joined.push(range);
  }
  if (prelude) joined.push(...ranges.filter((range) => range.start >= prelude!.start));
  return joined;
}

/** True when every statement of `code` (split at `;` outside brackets) is a declaration. */
function declaresOnly(code: string): boolean {
  let depth = 0;
  let statement = '';
  const statements: string[] = [];
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    if (ch === ';' && depth === 0) {
      statements.push(statement);
      statement = '';
    } else statement += ch;
  }
  statements.push(statement);
  return statements.filter((s) => s.trim() !== '').every((s) => DECLARATIONS.has(/^\s*([A-Za-z_]+)/.exec(s)?.[1] ?? ''));
}

/** The range from its first non-blank line to the end of its last one (without the line break). */
function trimBlankLines(text: string, range: Span): Span {
  let start = -1;
  let end = range.start;
  for (let lineStart = range.start; lineStart < range.end; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline >= range.end ? range.end : newline;
    if (text.slice(lineStart, lineEnd).trim() !== '') {
      if (start < 0) start = lineStart;
      end = lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  return { start: Math.max(start, range.start), end };
}

/** The block's `// name: …` comment, among the comment lines before its first line of code. */
function nameOf(blockText: string): string | undefined {
  for (const line of blockText.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('//')) return undefined;
    const name = NAME_COMMENT.exec(line)?.[1];
    if (name) return name;
  }
  return undefined;
}
