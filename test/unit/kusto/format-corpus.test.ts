// Kusto's formatter over real public queries (data/kql-corpus; MIT / BSD-3-Clause / Apache-2.0 per
// repository, see its README): formatting keeps every token in order (only whitespace and where
// comments sit may change), never adds a syntax error, and formatting the result again changes
// nothing. A sample runs by default (every 8th query); KQL_DETECT_FULL_CORPUS=1 runs all of them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeDocument, parseQuery } from '../../../server/src/kusto/analyze';
import type { Environment } from '../../../server/src/kusto/globals';
import { formatText } from '../../../server/src/kusto/service/formatting';
import { walk } from '../../../server/src/kusto/syntax';

const NO_TABLES: Environment = { tables: [], openTables: [], functions: [] };
const OPTIONS = { indentSize: 4 };

function tokensAndSyntaxErrors(text: string): { tokens: string[]; syntaxErrors: number } {
  const analysis = analyzeDocument(text, NO_TABLES);
  const tokens: string[] = [];
  for (const block of analysis.blocks) {
    walk(block.syntax, (node) => {
      if (node.isToken && node.text) tokens.push(node.text);
    });
  }
  // The parser's own errors, block by block (without tables every name would be unknown).
  const syntaxErrors = analysis.blocks.reduce((n, b) => n + parseQuery(b.text).filter((d) => d.severity === 'error').length, 0);
  return { tokens, syntaxErrors };
}

test('formatting corpus queries keeps their tokens, adds no syntax error and is idempotent', () => {
  const all = readFileSync('data/kql-corpus/queries.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; query: string; is_command: boolean });
  const stride = process.env.KQL_DETECT_FULL_CORPUS === '1' ? 1 : 8;
  const changed: string[] = [];
  for (let i = 0; i < all.length; i += stride) {
    const q = all[i];
    if (q.is_command) continue;
    const formatted = formatText(q.query, NO_TABLES, OPTIONS);
    if (formatted !== q.query) changed.push(q.id);
    assert.equal(formatText(formatted, NO_TABLES, OPTIONS), formatted, `${q.id}: formatting twice changed the text`);
    const before = tokensAndSyntaxErrors(q.query);
    const after = tokensAndSyntaxErrors(formatted);
    assert.deepEqual(after.tokens, before.tokens, `${q.id}: the tokens changed`);
    assert.ok(after.syntaxErrors <= before.syntaxErrors, `${q.id}: formatting added syntax errors`);
  }
  // The property is only worth something if the formatter changed many of them.
  assert.ok(changed.length > 50, `only ${changed.length} queries changed`);
});
