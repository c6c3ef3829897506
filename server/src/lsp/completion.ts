// textDocument/completion: Kusto's completion items for the block under the caret.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import { blockAt } from '../kusto/blocks';
import { completionsAt, type Completion, type CompletionKind } from '../kusto/service/completion';
import { toRange } from './convert';
import type { Analysed } from './documents';

const kinds: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  syntax: CompletionItemKind.Keyword,
  queryOperator: CompletionItemKind.Keyword,
  scalarOperator: CompletionItemKind.Operator,
  column: CompletionItemKind.Field,
  table: CompletionItemKind.Class,
  function: CompletionItemKind.Function,
  localFunction: CompletionItemKind.Function,
  databaseFunction: CompletionItemKind.Function,
  aggregate: CompletionItemKind.Function,
  parameter: CompletionItemKind.Variable,
  variable: CompletionItemKind.Variable,
  database: CompletionItemKind.Module,
  type: CompletionItemKind.TypeParameter,
  option: CompletionItemKind.EnumMember,
  example: CompletionItemKind.Snippet,
  other: CompletionItemKind.Text,
};

export function completion({ document, result }: Analysed, position: Position): CompletionList {
  const offset = document.offsetAt(position);
  const block = blockAt(result.analysis.blocks, offset);
  if (!block) return { isIncomplete: false, items: [] };
  const list = completionsAt(block, offset);
  const range = toRange(document, list);
  return { isIncomplete: false, items: list.items.map((item) => toItem(item, range)) };
}

function toItem(completion: Completion, range: ReturnType<typeof toRange>): CompletionItem {
  const item: CompletionItem = {
    label: completion.label,
    kind: kinds[completion.kind],
    filterText: completion.filterText,
    sortText: completion.sortText,
  };
  if (completion.after) {
    // Leave the caret between the parts, e.g. inside `ago(|)`.
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range, newText: `${escapeSnippet(completion.before)}$0${escapeSnippet(completion.after)}` };
  } else {
    item.textEdit = { range, newText: completion.before };
  }
  if (completion.documentation) item.documentation = { kind: MarkupKind.Markdown, value: completion.documentation };
  return item;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
