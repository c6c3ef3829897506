// textDocument/documentSymbol: the outline of each block: its `let` statements and its query.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { child, listElements, type SyntaxNode } from '../kusto/syntax';
import { toRange } from './convert';
import type { Analysed } from './documents';

const QUERY_NAME_LENGTH = 60;

export function documentSymbols({ document, result }: Analysed): DocumentSymbol[] {
  const text = document.getText();
  const symbols: DocumentSymbol[] = [];
  for (const block of result.analysis.blocks) {
    for (const statement of listElements(child(block.syntax, 'Statements'))) {
      const symbol = statementSymbol(statement, text);
      if (!symbol) continue;
      const { selection, ...named } = symbol;
      symbols.push({ ...named, range: toRange(document, statement), selectionRange: toRange(document, selection) });
    }
  }
  return symbols;
}

interface StatementSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  selection: SyntaxNode;
}

function statementSymbol(statement: SyntaxNode, text: string): StatementSymbol | undefined {
  if (statement.kind === 'LetStatement') {
    const name = child(statement, 'Name');
    if (!name || name.start === name.end) return undefined;
    const isFunction = child(statement, 'Expression')?.kind === 'FunctionDeclaration';
    return { name: text.slice(name.start, name.end), detail: 'let', kind: isFunction ? SymbolKind.Function : SymbolKind.Variable, selection: name };
  }
  if (statement.kind === 'ExpressionStatement' && statement.end > statement.start) {
    // A query is named after its first line, e.g. `DeviceProcessEvents`.
    const firstLine = text.slice(statement.start, statement.end).split(/\r?\n/)[0].trim();
    const name = firstLine.length > QUERY_NAME_LENGTH ? `${firstLine.slice(0, QUERY_NAME_LENGTH)}…` : firstLine;
    return { name, detail: 'query', kind: SymbolKind.Event, selection: statement };
  }
  return undefined;
}
