// Go to definition, find references and rename, for names declared in the query itself: `let`
// names, function parameters, and columns the query creates (`extend X = …`). Each block of a
// document is a query of its own, so a name's occurrences never cross a block boundary.

import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { blockAt } from '../kusto/blocks';
import { walk, type SymbolRef, type SyntaxNode } from '../kusto/syntax';
import { toRange } from './convert';
import type { Analysed } from './documents';

const NAME_KINDS = new Set(['NameReference', 'NameDeclaration']);

interface Occurrences {
  symbol: SymbolRef;
  declaration: { start: number; end: number };
  /** The name under the caret. */
  current: SyntaxNode;
  /** Every name node referring to the symbol, the declaration included, in text order. */
  nodes: SyntaxNode[];
}

export function definition(analysed: Analysed, position: Position): Location | null {
  const found = occurrencesAt(analysed, position);
  return found ? { uri: analysed.document.uri, range: toRange(analysed.document, found.declaration) } : null;
}

export function references(analysed: Analysed, position: Position, includeDeclaration: boolean): Location[] {
  const found = occurrencesAt(analysed, position);
  if (!found) return [];
  const { document } = analysed;
  return found.nodes
    .filter((node) => includeDeclaration || node.kind !== 'NameDeclaration')
    .map((node) => ({ uri: document.uri, range: toRange(document, node) }));
}

export function prepareRename(analysed: Analysed, position: Position): Range | null {
  const found = occurrencesAt(analysed, position);
  return found ? toRange(analysed.document, found.current) : null;
}

export function rename(analysed: Analysed, position: Position, newName: string): WorkspaceEdit | null {
  const found = occurrencesAt(analysed, position);
  if (!found) return null;
  const { document } = analysed;
  const newText = quoteName(newName);
  const edits: TextEdit[] = found.nodes.map((node) => ({ range: toRange(document, node), newText }));
  return { changes: { [document.uri]: edits } };
}

function occurrencesAt({ document, result }: Analysed, position: Position): Occurrences | undefined {
  const offset = document.offsetAt(position);
  const block = blockAt(result.analysis.blocks, offset);
  if (!block) return undefined;
  const current = nameAt(block.syntax, offset);
  const symbol = current?.symbol;
  if (!current || !symbol?.declaration) return undefined;
  const nodes: SyntaxNode[] = [];
  walk(block.syntax, (node) => {
    if (NAME_KINDS.has(node.kind) && node.symbol === symbol) nodes.push(node);
  });
  return { symbol, declaration: symbol.declaration, current, nodes };
}

/** The innermost name node (declaration or reference) covering `offset`. */
function nameAt(root: SyntaxNode, offset: number): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  let current: SyntaxNode | undefined = root;
  while (current) {
    if (NAME_KINDS.has(current.kind)) found = current;
    current = current.children.find((c) => c.start <= offset && offset <= c.end && c.end > c.start);
  }
  return found;
}

/** A name as Kusto accepts it: plain when it is an identifier, else bracketed and quoted. */
function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}
