// Finds a `where` that directly follows an operator (through other `where`s) and the edit that
// moves it before that operator, keeping its line layout: the text from the end of what precedes
// its `|` to its end is cut and inserted before the operator's `|`.

import { child, walk, type SyntaxNode } from '../../kusto/syntax';
import type { TextEdit } from '../rule';

export interface FilterAfter {
  filter: SyntaxNode;
  /** The operator the filter could run before (a join, a summarize). */
  operator: SyntaxNode;
  /** The operator's input: what precedes its `|`. */
  input: SyntaxNode;
  /** The pipe whose operator is the filter. */
  pipe: SyntaxNode;
}

/** Every `where` that follows an operator of `kind`, with only other `where`s in between. */
export function filtersAfter(root: SyntaxNode, kind: string): FilterAfter[] {
  const found: FilterAfter[] = [];
  walk(root, (pipe) => {
    if (pipe.kind !== 'PipeExpression') return;
    const filter = child(pipe, 'Operator');
    if (filter?.kind !== 'FilterOperator') return;
    let below = child(pipe, 'Expression');
    while (below?.kind === 'PipeExpression' && child(below, 'Operator')?.kind === 'FilterOperator') below = child(below, 'Expression');
    const operator = below?.kind === 'PipeExpression' ? child(below, 'Operator') : undefined;
    const input = below && child(below, 'Expression');
    if (operator?.kind === kind && input) found.push({ filter, operator, input, pipe });
  });
  return found;
}

/** The edits that move `site.filter` to just before `site.operator`. */
export function moveBefore(text: string, site: FilterAfter): TextEdit[] {
  const cutFrom = child(site.pipe, 'Expression')!.end;
  const moved = text.slice(cutFrom, site.filter.end);
  return [
    { start: site.input.end, end: site.input.end, newText: moved },
    { start: cutFrom, end: site.filter.end, newText: '' },
  ];
}

/** The distinct column names a `where` refers to. */
export function columnsOf(filter: SyntaxNode): string[] {
  const names = new Set<string>();
  walk(child(filter, 'Condition') ?? filter, (node) => {
    if (node.kind === 'NameReference' && node.symbol?.kind === 'Column') names.add(node.symbol.name);
  });
  return [...names];
}
