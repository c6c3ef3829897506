// Runs the grammar over every real query in data/kql-corpus. A query that Kusto parses
// without syntax errors must tokenise without `invalid.*` scopes and must close every region it
// opens (a string, a typed literal), so that no rule swallows the rest of a file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const corpusPath = join(root, 'data', 'kql-corpus', 'queries.jsonl');

interface CorpusQuery { id: string; query: string; official_syntax_errors: number }

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(join(root, 'syntaxes', 'kql.tmLanguage.json'), 'utf8'), 'kql.tmLanguage.json'),
  });
  const grammar = await registry.loadGrammar('source.kql');
  assert.ok(grammar, 'source.kql grammar did not load');
  return grammar;
}

/** What is wrong with how the grammar tokenises one query: an invalid token, or a region left open. */
function problemsOf(grammar: textmate.IGrammar, query: string): string[] {
  const problems: string[] = [];
  let state = textmate.INITIAL;
  query.split(/\r?\n/).forEach((line, index) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    for (const token of tokens) {
      const invalid = token.scopes.find((scope) => scope.startsWith('invalid'));
      if (invalid) problems.push(`line ${index + 1}: ${invalid} on ${JSON.stringify(line.slice(token.startIndex, token.endIndex))}`);
    }
    state = ruleStack;
  });
  // Depth 1 is the grammar's root; anything deeper is a begin/end rule that never ended.
  if (state.depth > 1) problems.push('a region is still open at the end of the query');
  return problems;
}

test('every syntax-clean corpus query tokenises without invalid tokens or open regions', async () => {
  const grammar = await loadGrammar();
  const queries = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as CorpusQuery);
  const clean = queries.filter((query) => query.official_syntax_errors === 0);
  assert.ok(clean.length > 1000, `expected the corpus to hold thousands of clean queries, found ${clean.length}`);
  const failures = clean.flatMap((query) => problemsOf(grammar, query.query).map((problem) => `${query.id}: ${problem}`));
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} problems`);
  // Queries with syntax errors are only required not to break the tokeniser.
  for (const query of queries) if (query.official_syntax_errors > 0) problemsOf(grammar, query.query);
});
