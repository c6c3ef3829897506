// textDocument/foldingRange: query blocks, multi-line `let` statements, and bracketed regions.

import type { FoldingRange } from 'vscode-languageserver';
import { child, walk } from '../kusto/syntax';
import type { Analysed } from './documents';

const OPENERS: Record<string, string> = { OpenParenToken: 'CloseParenToken', OpenBracketToken: 'CloseBracketToken', OpenBraceToken: 'CloseBraceToken' };
const CLOSERS = new Set(Object.values(OPENERS));

export function foldingRanges({ document, result }: Analysed): FoldingRange[] {
  const byStartLine = new Map<number, FoldingRange>();
  const add = (startOffset: number, endLine: number) => {
    const startLine = document.positionAt(startOffset).line;
    const existing = byStartLine.get(startLine);
    // One range per start line (what editors can show): keep the largest.
    if (endLine > startLine && (!existing || existing.endLine < endLine)) byStartLine.set(startLine, { startLine, endLine });
  };
  const lineOf = (offset: number) => document.positionAt(offset).line;

  for (const block of result.analysis.blocks) {
    if (block.isEmpty) continue;
    const statements = child(block.syntax, 'Statements') ?? block.syntax;
    add(statements.start, lineOf(statements.end));
    const open: { kind: string; start: number }[] = [];
    walk(block.syntax, (node) => {
      if (node.kind === 'LetStatement') add(node.start, lineOf(node.end));
      if (!node.isToken || node.isMissing) return;
      if (OPENERS[node.kind]) open.push({ kind: node.kind, start: node.start });
      else if (CLOSERS.has(node.kind) && open.length > 0 && OPENERS[open[open.length - 1].kind] === node.kind) {
        // The closing bracket's line stays visible.
        add(open.pop()!.start, lineOf(node.start) - 1);
      }
    });
  }
  return [...byStartLine.values()].sort((a, b) => a.startLine - b.startLine);
}
