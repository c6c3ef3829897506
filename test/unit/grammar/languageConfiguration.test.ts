import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

interface LanguageContribution { id: string; aliases: string[]; extensions: string[]; configuration: string }
interface GrammarContribution { language: string; scopeName: string; path: string }

const manifest = readJson('package.json') as { contributes: { languages: LanguageContribution[]; grammars: GrammarContribution[] } };
const language = manifest.contributes.languages.find((entry) => entry.id === 'kql');
const grammar = manifest.contributes.grammars.find((entry) => entry.language === 'kql');
const configuration = readJson('syntaxes/language-configuration.json');

/** The words VS Code sees on a line, as it finds them with the configured word pattern. */
function words(line: string): string[] {
  return [...line.matchAll(new RegExp(configuration.wordPattern, 'g'))].map((match) => match[0]);
}

test('package.json contributes the kql language and its grammar', () => {
  assert.ok(language && grammar);
  assert.deepEqual(language.aliases, ['KQL', 'Kusto']);
  assert.deepEqual(language.extensions, ['.kql', '.csl', '.kusto']);
  assert.ok(existsSync(join(root, language.configuration)));
  assert.ok(existsSync(join(root, grammar.path)));
  assert.equal(grammar.scopeName, 'source.kql');
  assert.equal(readJson(grammar.path).scopeName, 'source.kql');
});

test('comments, brackets and auto-closing quotes', () => {
  assert.equal(configuration.comments.lineComment, '//');
  assert.deepEqual(configuration.brackets, [['(', ')'], ['[', ']'], ['{', '}']]);
  for (const quote of ['"', "'"]) {
    const pair = configuration.autoClosingPairs.find((entry: { open: string }) => entry.open === quote);
    assert.deepEqual(pair, { open: quote, close: quote, notIn: ['string', 'comment'] });
    assert.ok(configuration.surroundingPairs.some((entry: string[]) => entry[0] === quote && entry[1] === quote));
  }
});

const wordCases: Array<[string, string[]]> = [
  ['FileName has_any (Tools)', ['FileName', 'has_any', 'Tools']],
  ['Name !in~ (x) or Name in~ (y)', ['Name', '!in~', 'x', 'or', 'Name', 'in~', 'y']],
  ['a !has b and c !startswith_cs d', ['a', '!has', 'b', 'and', 'c', '!startswith_cs', 'd']],
  ['T | project-away A, B | mv-expand C | parse-where D', ['T', 'project-away', 'A', 'B', 'mv-expand', 'C', 'parse-where', 'D']],
  ['extend d = a-b, e = x - 1, f = n-1', ['extend', 'd', 'a', 'b', 'e', 'x', '1', 'f', 'n', '1']],
  ['where Timestamp > ago(1.5d)', ['where', 'Timestamp', 'ago', '1.5d']],
  ['$left.Id == $right.Id', ['$left', 'Id', '$right', 'Id']],
];

for (const [line, expected] of wordCases) {
  test(`word pattern: ${line}`, () => assert.deepEqual(words(line), expected));
}
