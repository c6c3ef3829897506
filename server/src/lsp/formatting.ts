// textDocument/formatting and rangeFormatting with Kusto's formatter, as minimal edits.

import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { formatDocument } from '../kusto/service/formatting';
import { toRange, toSpan } from './convert';
import type { Analysed } from './documents';

export function formatting({ document, result }: Analysed, options: FormattingOptions, range?: Range): TextEdit[] {
  const span = range ? toSpan(document, range) : undefined;
  return formatDocument(result.analysis, { indentSize: options.tabSize }, span).map((change) => ({ range: toRange(document, change), newText: change.newText }));
}
