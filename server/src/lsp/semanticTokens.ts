// textDocument/semanticTokens/full from Kusto's classifications, mapped to standard token types.

import { SemanticTokensBuilder, SemanticTokenTypes, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { ClassificationKind } from '../kusto/service/classifications';
import { classify } from '../kusto/service/classifications';
import type { Analysed } from './documents';

const tokenTypes = [
  SemanticTokenTypes.comment,
  SemanticTokenTypes.string,
  SemanticTokenTypes.number,
  SemanticTokenTypes.keyword,
  SemanticTokenTypes.operator,
  SemanticTokenTypes.type,
  SemanticTokenTypes.class,
  SemanticTokenTypes.property,
  SemanticTokenTypes.function,
  SemanticTokenTypes.parameter,
  SemanticTokenTypes.variable,
  SemanticTokenTypes.namespace,
  SemanticTokenTypes.macro,
];

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes, tokenModifiers: [] };

/** Kusto classification → token type; kinds left out (plain text, punctuation, identifiers) stay to the grammar. */
const tokenTypeOf: Partial<Record<ClassificationKind, SemanticTokenTypes>> = {
  comment: SemanticTokenTypes.comment,
  stringLiteral: SemanticTokenTypes.string,
  literal: SemanticTokenTypes.number,
  keyword: SemanticTokenTypes.keyword,
  queryOperator: SemanticTokenTypes.keyword,
  command: SemanticTokenTypes.keyword,
  option: SemanticTokenTypes.keyword,
  scalarOperator: SemanticTokenTypes.operator,
  mathOperator: SemanticTokenTypes.operator,
  type: SemanticTokenTypes.type,
  table: SemanticTokenTypes.class,
  materializedView: SemanticTokenTypes.class,
  column: SemanticTokenTypes.property,
  schemaMember: SemanticTokenTypes.property,
  function: SemanticTokenTypes.function,
  parameter: SemanticTokenTypes.parameter,
  signatureParameter: SemanticTokenTypes.parameter,
  clientParameter: SemanticTokenTypes.parameter,
  queryParameter: SemanticTokenTypes.parameter,
  variable: SemanticTokenTypes.variable,
  database: SemanticTokenTypes.namespace,
  directive: SemanticTokenTypes.macro,
};

export function semanticTokens({ document, result }: Analysed): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const text = document.getText();
  for (const block of result.analysis.blocks) {
    for (const span of classify(block)) {
      const type = tokenTypeOf[span.kind];
      if (type === undefined || span.end <= span.start) continue;
      const typeIndex = tokenTypes.indexOf(type);
      // A token may not cross a line end (multi-line strings): emit one piece per line.
      for (const piece of splitAtLineEnds(text, span.start, span.end)) {
        const position = document.positionAt(piece.start);
        builder.push(position.line, position.character, piece.end - piece.start, typeIndex, 0);
      }
    }
  }
  return builder.build();
}

/** `[start, end)` cut at line ends (LF or CRLF), without the line-end characters and empty pieces. */
function splitAtLineEnds(text: string, start: number, end: number): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let from = start;
  while (from < end) {
    const newline = text.indexOf('\n', from);
    if (newline === -1 || newline >= end) {
      pieces.push({ start: from, end });
      break;
    }
    const lineEnd = newline > from && text[newline - 1] === '\r' ? newline - 1 : newline;
    if (lineEnd > from) pieces.push({ start: from, end: lineEnd });
    from = newline + 1;
  }
  return pieces;
}
