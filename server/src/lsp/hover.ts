// textDocument/hover: Kusto's quick info (signatures, types) plus our operator documentation.

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { blockAt } from '../kusto/blocks';
import { quickInfoAt } from '../kusto/service/quickInfo';
import { toRange } from './convert';
import type { Analysed } from './documents';

export function hover({ document, result }: Analysed, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const block = blockAt(result.analysis.blocks, offset);
  const info = block && quickInfoAt(block, offset);
  if (!info) return null;
  const parts = info.lines.map((line) => '```kusto\n' + line + '\n```');
  if (info.documentation) parts.push(info.documentation);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toRange(document, info) };
}
