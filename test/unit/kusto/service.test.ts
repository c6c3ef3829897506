// The wrappers over Kusto's code service: plain results in document offsets, also in later blocks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import { blockAt } from '../../../server/src/kusto/blocks';
import type { Environment } from '../../../server/src/kusto/globals';
import { classify } from '../../../server/src/kusto/service/classifications';
import { completionsAt } from '../../../server/src/kusto/service/completion';
import { formatDocument, minimalChange } from '../../../server/src/kusto/service/formatting';
import { quickInfoAt } from '../../../server/src/kusto/service/quickInfo';

const environment: Environment = {
  tables: [{ name: 'Events', columns: [{ name: 'FileName', type: 'string' }, { name: 'Timestamp', type: 'datetime' }] }],
  openTables: [],
  functions: [],
};

/** Analyses `source` with its `$0` caret removed; returns the text, caret and the caret's block. */
function at(source: string) {
  const caret = source.indexOf('$0');
  const text = source.replace('$0', '');
  const analysis = analyzeDocument(text, environment);
  const block = blockAt(analysis.blocks, caret);
  assert.ok(block);
  return { text, caret, analysis, block };
}

test('completion offers columns, let names and operators, in the block under the caret', () => {
  const { caret, block } = at('Events | take 1\n\nlet names = dynamic(["a"]);\nEvents | where Fi$0');
  const list = completionsAt(block, caret);
  assert.equal(list.start, caret - 2, 'the typed prefix is replaced');
  assert.equal(list.end, caret);
  const fileName = list.items.find((i) => i.label === 'FileName');
  assert.deepEqual(fileName && { kind: fileName.kind, before: fileName.before.trim(), after: fileName.after }, { kind: 'column', before: 'FileName', after: '' });
  const after = at('let names = dynamic(["a"]);\nEvents | where FileName has_any ($0)');
  assert.ok(completionsAt(after.block, after.caret).items.some((i) => i.label === 'names' && i.kind === 'variable'));
  const operators = at('Events | where FileName $0');
  const hasAny = completionsAt(operators.block, operators.caret).items.find((i) => i.label === 'has_any');
  assert.equal(hasAny?.kind, 'scalarOperator');
  assert.match(hasAny?.documentation ?? '', /\*\*any\*\*/);
});

test('quick info gives the signature and our documentation, on the right span', () => {
  const { text, caret, block } = at('Events | where FileName has_a$0ny ("x")');
  const info = quickInfoAt(block, caret);
  assert.ok(info);
  assert.equal(text.slice(info.start, info.end), 'has_any');
  assert.deepEqual(info.lines, ['HasAny: bool']);
  assert.match(info.documentation ?? '', /has_any \("anydesk", "teamviewer"\)/);
  const column = at('Events | where File$0Name has "x"');
  assert.deepEqual(quickInfoAt(column.block, column.caret)?.lines, ['FileName: string']);
  const nothing = at('Events | take 1 $0');
  assert.equal(quickInfoAt(nothing.block, nothing.caret), undefined);
});

test('formatting changes only what differs, keeps blank lines between blocks and the line ends', () => {
  const text = 'Events|take 1\r\n\r\nEvents | where FileName=="a"|take 1\r\n';
  const changes = formatDocument(analyzeDocument(text, environment), { indentSize: 4 });
  let formatted = text;
  for (const change of [...changes].reverse()) formatted = formatted.slice(0, change.start) + change.newText + formatted.slice(change.end);
  assert.equal(formatted, 'Events\r\n| take 1\r\n\r\nEvents\r\n| where FileName == "a"\r\n| take 1\r\n');
  assert.deepEqual(formatDocument(analyzeDocument(formatted, environment), { indentSize: 4 }), []);
});

test('minimal changes keep the common prefix and suffix', () => {
  assert.deepEqual(minimalChange('a|b', 'a | b', 10), { start: 11, end: 12, newText: ' | ' });
  assert.equal(minimalChange('same', 'same', 0), undefined);
  assert.deepEqual(minimalChange('aaa', 'aa', 0), { start: 2, end: 3, newText: '' });
});

test('classifications are in document offsets', () => {
  const text = 'Events | take 1\n\n// note\nEvents | where FileName has "x"';
  const analysis = analyzeDocument(text, environment);
  const spans = classify(analysis.blocks[1]).map((c) => `${text.slice(c.start, c.end)}:${c.kind}`);
  assert.deepEqual(spans, ['// note:comment', 'Events:table', '|:punctuation', 'where:queryOperator', 'FileName:column', 'has:scalarOperator', '"x":stringLiteral']);
});
