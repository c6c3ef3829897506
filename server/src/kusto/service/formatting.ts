// Formatting with Kusto's formatter, block by block, as minimal text changes in document offsets.

import type { BlockAnalysis, DocumentAnalysis } from '../analyze';
import { kusto } from '../load';

export interface FormattingOptions {
  /** Spaces per indentation level. */
  indentSize: number;
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

function formatBlock(block: BlockAnalysis, options: FormattingOptions, eol: string): TextChange | undefined {
  if (block.isEmpty) return undefined;
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
