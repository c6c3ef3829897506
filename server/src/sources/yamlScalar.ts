// A YAML string scalar decoded with a map from each of its characters back to the YAML source,
// for every scalar style: literal and folded blocks (`|`, `|-`, `|+`, `>`, indentation indicators,
// CRLF) and plain, single- and double-quoted flow scalars (folded lines, escapes).
//
// The decoding follows the YAML 1.2 rules as the `yaml` package applies them, and `decodeScalar`
// compares its text with the package's value: a scalar it cannot map exactly is reported, never
// mapped approximately.

import type { CST, Scalar } from 'yaml';
import { MappedText, MappedTextBuilder } from './mappedText';

export type ScalarStyle = 'literal' | 'folded' | 'plain' | 'single-quoted' | 'double-quoted';

export interface DecodedScalar {
  style: ScalarStyle;
  text: MappedText;
  /** Block scalars: the content's indentation, for writing edited lines back. */
  indent?: number;
  /** Block scalars: the chomping indicator. */
  chomp?: '' | '-' | '+';
}

/** The scalar's text with its map, or undefined when its source token is missing or not understood. */
export function decodeScalar(node: Scalar): DecodedScalar | undefined {
  const token = node.srcToken;
  if (!token || typeof node.value !== 'string') return undefined;
  let decoded: DecodedScalar | undefined;
  switch (token.type) {
    case 'block-scalar':
      decoded = decodeBlock(token);
      break;
    case 'scalar':
      decoded = { style: 'plain', text: unfoldMapped(token.source, token.offset, 0, token.source.length) };
      break;
    case 'single-quoted-scalar':
      decoded = { style: 'single-quoted', text: decodeSingleQuoted(token) };
      break;
    case 'double-quoted-scalar':
      decoded = { style: 'double-quoted', text: decodeDoubleQuoted(token) };
      break;
    default:
      return undefined;
  }
  return decoded && decoded.text.text === node.value ? decoded : undefined;
}

interface Line {
  /** Leading spaces. */
  indent: number;
  /** Host offset of the line's first character. */
  start: number;
  /** Host offset after the line's content (before `\r\n` or `\n`). */
  contentEnd: number;
  /** Host offset after the line break (equal to `contentEnd` on a last line without one). */
  breakEnd: number;
  /** Content after the indentation, without the line break. */
  content: string;
}

function splitLines(source: string, offset: number): Line[] {
  const lines: Line[] = [];
  let position = 0;
  for (const raw of source.split('\n')) {
    const crlf = raw.endsWith('\r');
    const text = crlf ? raw.slice(0, -1) : raw;
    let indent = 0;
    while (text[indent] === ' ') indent++;
    const start = offset + position;
    const contentEnd = start + text.length;
    const hasBreak = position + raw.length < source.length;
    lines.push({ indent, start, contentEnd, breakEnd: hasBreak ? contentEnd + (crlf ? 2 : 1) : contentEnd + (crlf ? 1 : 0), content: text.slice(indent) });
    position += raw.length + 1;
  }
  return lines;
}

function decodeBlock(token: CST.BlockScalar): DecodedScalar | undefined {
  const header = token.props[0];
  if (!header || header.type !== 'block-scalar-header') return undefined;
  const folded = header.source[0] === '>';
  let explicitIndent = 0;
  let chomp: '' | '-' | '+' = '';
  for (const ch of header.source.slice(1)) {
    if (ch === '-' || ch === '+') chomp = ch;
    else if (/[1-9]/.test(ch)) explicitIndent = Number(ch);
    else return undefined;
  }
  let headerLength = 0;
  for (const prop of token.props) headerLength += 'source' in prop && typeof prop.source === 'string' ? prop.source.length : 0;
  const sourceStart = token.offset + headerLength;
  const lines = splitLines(token.source, sourceStart);
  const out = new MappedTextBuilder();
  const breakOf = (line: Line) => ({ start: line.contentEnd, end: line.breakEnd });
  const emitBreak = (line: Line | undefined) => {
    if (line) out.emit('\n', line.contentEnd, line.breakEnd);
    else out.emit('\n', sourceStart + token.source.length, sourceStart + token.source.length);
  };

  let chompStart = lines.length;
  while (chompStart > 0 && lines[chompStart - 1]!.content === '') chompStart--;
  if (chompStart === 0) {
    if (chomp === '+' && lines.length > 0) for (let i = 0; i < Math.max(1, lines.length - 1); i++) emitBreak(lines[i]);
    return { style: folded ? 'folded' : 'literal', text: out.finish(sourceStart), chomp };
  }

  let trimIndent = token.indent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    const line = lines[i]!;
    if (line.content === '') {
      if (explicitIndent === 0 && line.indent > trimIndent) trimIndent = line.indent;
    } else {
      if (line.indent < trimIndent) return undefined;
      if (explicitIndent === 0) trimIndent = line.indent;
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; i--) {
    if (lines[i]!.indent > trimIndent) {
      chompStart = i + 1;
      break;
    }
  }
  const copyIndentation = (line: Line) => {
    const extra = Math.max(0, line.indent - trimIndent);
    out.copy(' '.repeat(extra), line.start + trimIndent);
  };
  for (let i = 0; i < contentStart; i++) {
    copyIndentation(lines[i]!);
    emitBreak(lines[i]);
  }

  // Folded blocks: the breaks between two content lines (and the empty lines between them) become
  // a separator; its characters are mapped to the last breaks before the line they precede.
  let previous: Line | undefined;
  let previousMoreIndented = false;
  let pendingBreaks: { start: number; end: number }[] = [];
  for (let i = contentStart; i < chompStart; i++) {
    const line = lines[i]!;
    if (line.content !== '' && line.indent < trimIndent) return undefined;
    if (!folded) {
      if (previous) emitBreak(previous);
      copyIndentation(line);
      out.copy(line.content, line.start + line.indent);
      previous = line;
      continue;
    }
    const moreIndented = line.indent > trimIndent || line.content.startsWith('\t');
    if (!moreIndented && line.content === '') {
      pendingBreaks.push(breakOf(line));
      continue;
    }
    if (previous) {
      const empties = pendingBreaks.length;
      let separator: string;
      if (!moreIndented && !previousMoreIndented) separator = empties === 0 ? ' ' : '\n'.repeat(empties);
      else separator = '\n'.repeat(empties + 1);
      const breaks = [breakOf(previous), ...pendingBreaks].slice(-separator.length);
      breaks.forEach((b, k) => out.emit(separator[k]!, b.start, b.end));
    }
    copyIndentation(line);
    out.copy(line.content, line.start + line.indent);
    previous = line;
    previousMoreIndented = moreIndented;
    pendingBreaks = [];
  }
  if (folded && pendingBreaks.length > 0) return undefined; // empty lines are never left inside the content
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; i++) {
      emitBreak(lines[i - 1]);
      copyIndentation(lines[i]!);
    }
    if (!out.value.endsWith('\n')) emitBreak(undefined);
  } else if (chomp === '') emitBreak(lines[chompStart - 1]);
  return { style: folded ? 'folded' : 'literal', text: out.finish(sourceStart), indent: trimIndent, chomp };
}

/**
 * Plain and single-quoted flow scalars: each line is trimmed, a single line break becomes a space
 * and `n` empty lines become `n` line feeds (mapped to the empty lines' breaks).
 */
function unfoldMapped(source: string, offset: number, from: number, to: number, quoted = false): MappedText {
  const out = new MappedTextBuilder();
  const body = source.slice(from, to);
  const copyText = (text: string, hostStart: number) => {
    if (!quoted) {
      out.copy(text, hostStart);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "'" && text[i + 1] === "'") {
        out.emit("'", hostStart + i, hostStart + i + 2);
        i++;
      } else out.copy(text[i]!, hostStart + i);
    }
  };
  const raw = body.split('\n');
  if (raw.length === 1) {
    copyText(body, offset + from);
    return out.finish(offset + from, offset + to);
  }
  let position = from;
  let separator = ' ';
  let previousBreak = { start: 0, end: 0 };
  raw.forEach((rawLine, index) => {
    const last = index === raw.length - 1;
    const line = !last && rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineStart = offset + position;
    const leading = index === 0 ? 0 : line.length - line.replace(/^[ \t]+/, '').length;
    const kept = last ? line.slice(leading) : line.slice(leading).replace(/[ \t]+$/, '');
    if (index === 0) copyText(kept, lineStart);
    else if (kept === '' && !last) {
      if (separator === '\n') out.emit('\n', previousBreak.start, previousBreak.end);
      else separator = '\n';
    } else {
      out.emit(separator, previousBreak.start, previousBreak.end);
      copyText(kept, lineStart + leading);
      separator = ' ';
    }
    previousBreak = { start: lineStart + line.length, end: lineStart + rawLine.length + 1 };
    position += rawLine.length + 1;
  });
  return out.finish(offset + from, offset + to);
}

function decodeSingleQuoted(token: CST.FlowScalar): MappedText {
  const closed = token.source.length > 1 && token.source.endsWith("'");
  return unfoldMapped(token.source, token.offset, 1, closed ? token.source.length - 1 : token.source.length, true);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function decodeDoubleQuoted(token: CST.FlowScalar): MappedText {
  const { source, offset } = token;
  const out = new MappedTextBuilder();
  const end = source.length > 1 && source.endsWith('"') ? source.length - 1 : source.length;
  for (let i = 1; i < end; i++) {
    const ch = source[i]!;
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      // A line break folds to a space, or to one line feed per further line break in the run.
      const breakStart = source[i - 1] === '\r' ? i - 1 : i;
      const feeds: number[] = [];
      let j = i;
      for (let next = source[j + 1]; next === ' ' || next === '\t' || next === '\n' || next === '\r'; next = source[j + 1]) {
        if (next === '\r' && source[j + 2] !== '\n') break;
        if (next === '\n') feeds.push(j + 1);
        j++;
      }
      if (feeds.length === 0) out.emit(' ', offset + breakStart, offset + i + 1);
      else for (const at of feeds) out.emit('\n', offset + at, offset + at + 1);
      i = j;
    } else if (ch === '\\') {
      const escapeStart = i;
      const next = source[++i];
      if (next !== undefined && ESCAPES[next] !== undefined) out.emit(ESCAPES[next], offset + escapeStart, offset + i + 1);
      else if (next === '\n' || (next === '\r' && source[i + 1] === '\n')) {
        if (next === '\r') i++;
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else if (next !== undefined && HEX_LENGTH[next] !== undefined) {
        const length = HEX_LENGTH[next];
        const digits = source.substr(i + 1, length);
        const code = digits.length === length && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
        let decoded: string | undefined;
        try {
          decoded = String.fromCodePoint(code);
        } catch {
          decoded = undefined;
        }
        if (decoded !== undefined) out.emit(decoded, offset + escapeStart, offset + i + 1 + length);
        else out.copy(source.substr(escapeStart, length + 2), offset + escapeStart);
        i += length;
      } else out.copy(source.substr(escapeStart, 2), offset + escapeStart);
    } else if (ch === ' ' || ch === '\t') {
      // Whitespace before a line break is dropped.
      const runStart = i;
      while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      const after = source[i + 1];
      if (after !== '\n' && !(after === '\r' && source[i + 2] === '\n')) out.copy(source.slice(runStart, i + 1), offset + runStart);
    } else out.copy(ch, offset + i);
  }
  return out.finish(offset + 1, offset + end);
}
