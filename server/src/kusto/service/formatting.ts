// Formatting with Kusto's formatter, block by block, as minimal text changes in document offsets.

import { analyzeDocument, parseQuery, type BlockAnalysis, type DocumentAnalysis } from '../analyze';
import type { Environment } from '../globals';
import { kusto } from '../load';

export interface FormattingOptions {
  /** Spaces per indentation level. */
  indentSize: number;
  /**
   * Leave blocks with syntax errors as they are: on broken input Kusto's formatter may insert
   * tokens it guessed (a `,` where one seemed missing), which a batch formatter must not do.
   */
  skipSyntaxErrors?: boolean;
}

export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/**
 * The changes that format every block overlapping `[start, end)` (the whole document by default).
 * Kusto formats whole queries, so a range is widened to the blocks it touches.
 */
export function formatDocument(analysis: DocumentAnalysis, options: FormattingOptions, range?: { start: number; end: number }): TextChange[] {
  const eol = analysis.text.includes('\r\n') ? '\r\n' : '\n';
  const changes: TextChange[] = [];
  for (const block of analysis.blocks) {
    const { start, end } = contentOf(block);
    if (range && (end < range.start || start > range.end)) continue;
    const change = formatBlock(block, options, eol);
    if (change) changes.push(change);
  }
  return changes;
}

/**
 * The whole text formatted, except blocks with syntax errors. Kusto's formatter is not always a
 * fixed point in one pass (a second pass can still move a comment), so it runs until the text
 * stops changing: formatting the result again gives the same text.
 */
export function formatText(text: string, environment: Environment, options: FormattingOptions): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = applyChanges(current, formatDocument(analyzeDocument(current, environment), { ...options, skipSyntaxErrors: true }));
    if (next === current) return current;
    current = next;
  }
  return current;
}

const MAX_PASSES = 4;

function applyChanges(text: string, changes: TextChange[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.start - a.start)) result = result.slice(0, change.start) + change.newText + result.slice(change.end);
  return result;
}

function formatBlock(block: BlockAnalysis, options: FormattingOptions, eol: string): TextChange | undefined {
  if (block.isEmpty) return undefined;
  if (options.skipSyntaxErrors && parseQuery(block.text).some((d) => d.severity === 'error')) return undefined;
  const K = kusto().Editor;
  // One pipe per line: how detection queries are written and reviewed.
  const kustoOptions = K.FormattingOptions.Default.WithIndentationSize(options.indentSize).WithPipeOperatorStyle(K.PlacementStyle.NewLine);
  const formatted = block.service.GetFormattedText(kustoOptions, 0);
  if (!formatted || typeof formatted.Text !== 'string') return undefined;
  // The formatter writes CRLF and trims the blank lines that separate blocks: keep both as they were.
  const { start, end } = contentOf(block);
  const text = (formatted.Text as string).replace(/\r\n/g, '\n').trim().replace(/\n/g, eol);
  return minimalChange(block.text, block.text.slice(0, start - block.start) + text + block.text.slice(end - block.start), block.start);
}

/** The block without its leading and trailing whitespace, in document offsets. */
function contentOf(block: BlockAnalysis): { start: number; end: number } {
  const leading = block.text.length - block.text.trimStart().length;
  const trailing = block.text.length - block.text.trimEnd().length;
  return { start: block.start + leading, end: Math.max(block.start + leading, block.end - trailing) };
}

/** One change covering only what differs between `before` and `after` (common prefix and suffix kept). */
export function minimalChange(before: string, after: string, offset: number): TextChange | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: offset + prefix, end: offset + before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}
