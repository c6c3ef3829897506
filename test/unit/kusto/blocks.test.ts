// What a query block is: Kusto's CodeScript rule (blank lines, not inside string literals), plus
// declaration-only blocks joining the block after them. One definition for every feature.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { blockAt, codeScriptRanges, namesMentioned, queryBlocks, scriptRanges } from '../../../server/src/kusto/blocks';
import { kusto, toArray } from '../../../server/src/kusto/load';

function check(text: string, expected: string[]) {
  assert.deepEqual(
    queryBlocks(text).map((b) => text.slice(b.start, b.end)),
    expected,
  );
  queryBlocks(text).forEach((block, index) => {
    assert.equal(block.text, text.slice(block.start, block.end));
    assert.equal(block.index, index);
  });
}

test('blocks split at blank lines, keep their comments, and skip comment-only blocks', () => {
  check('T | take 1\n\n  \n// only a comment\n\nlet x = 1;\nU | where a == x\n', ['T | take 1', 'let x = 1;\nU | where a == x']);
  check('// header\nT\n| count', ['// header\nT\n| count']);
  check('', []);
  check('\n\n// c\n', []);
  check('T\r\n\r\nU\r\n', ['T\r', 'U\r']);
});

test('a blank line inside a multi-line string literal does not split', () => {
  check('print x = ```a\n\nb```\n\nT', ['print x = ```a\n\nb```', 'T']);
  check('print x = ~~~a\n\n\nb~~~', ['print x = ~~~a\n\n\nb~~~']);
  // A fence inside a comment or an ordinary string opens nothing.
  check('T // ```\n\nU', ['T // ```', 'U']);
  check("print '```'\n\nU", ["print '```'", 'U']);
});

test('a block of declarations only is the prelude of the next block', () => {
  check('let x = 1;\n\nT | where a == x\n\nT | take 1', ['let x = 1;\n\nT | where a == x', 'T | take 1']);
  check('let f = (s: string) { strlen(s) };\nset querytrace;\n\n// the query\n\n\nT | extend n = f(a)', ['let f = (s: string) { strlen(s) };\nset querytrace;\n\n// the query\n\n\nT | extend n = f(a)']);
  check('let x = 1;\n\nlet y = 2;\n\nT | where a == x + y', ['let x = 1;\n\nlet y = 2;\n\nT | where a == x + y']);
  // A query after its lets is not a prelude; nor is a trailing block of lets with nothing after it.
  check('let x = 1;\nT | where a == x\n\nU', ['let x = 1;\nT | where a == x', 'U']);
  check('T\n\nlet x = 1;', ['T', 'let x = 1;']);
  // A `;` inside brackets or a string does not end a statement.
  check('let x = dynamic(["a;b"]);\nlet g = () { T | take 1; };\n\nT', ['let x = dynamic(["a;b"]);\nlet g = () { T | take 1; };\n\nT']);
});

test('a block is named by a `// name:` comment before its code', () => {
  const text = '// name: Suspicious RMM\n// by the SOC\nT\n\n// Name:  second one \nU | take 1\n\nV // name: not a name';
  assert.deepEqual(
    queryBlocks(text).map((b) => b.name),
    ['Suspicious RMM', 'second one', undefined],
  );
});

test('the block at an offset is the last one starting at or before it', () => {
  const text = 'T\n\n\nU | take 1\n';
  const blocks = queryBlocks(text);
  assert.equal(blockAt(blocks, 0)?.text, 'T');
  assert.equal(blockAt(blocks, 3)?.text, 'T');
  assert.equal(blockAt(blocks, text.indexOf('take'))?.text, 'U | take 1');
  assert.equal(blockAt(blocks, text.length)?.text, 'U | take 1');
  assert.equal(blockAt(queryBlocks('\n\nT'), 0), undefined);
});

test('script ranges cover the whole text, contiguously', () => {
  for (const text of ['', 'T', 'T\n\n\nU\n\n', 'let x = 1;\n\n\nT\n']) {
    const ranges = scriptRanges(text);
    assert.equal(ranges[0].start, 0);
    assert.equal(ranges.at(-1)!.end, text.length);
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i].start, ranges[i - 1].end);
  }
});

test("before joining preludes, the ranges are exactly Kusto.Language's CodeScript blocks, over the corpus", () => {
  const corpus = readFileSync(join(__dirname, '..', '..', '..', 'data', 'kql-corpus', 'queries.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => (JSON.parse(line) as { query: string }).query);
  const tricky = ['a\n\n\n\nb', '\n\nT', 'T\r\n\r\nU', 'print ```a\n\nb``` \n\nT', "print '```'\n\nT\n\n```x```", 'T // ```\n\nU', 'T\n \t\n\nU\n\n', 'print @"a""\n\nb"'];
  // The queries with blank lines or multi-line strings, and a sample with every line break doubled.
  const splitting = corpus.filter((query) => /\n\s*\n|```|~~~/.test(query));
  const doubled = corpus.filter((_, i) => i % 50 === 0).map((query) => query.replace(/\n/g, '\n\n'));
  const texts = [...tricky, ...splitting, ...doubled];
  const differing = texts.filter((text) => {
    const script = kusto().Editor.CodeScript.From$1(text, kusto().GlobalState.Default);
    const theirs = toArray(script.Blocks).map((b) => `${b.Start}-${b.End}`);
    return theirs.join(',') !== codeScriptRanges(text).map((r) => `${r.start}-${r.end}`).join(',');
  });
  assert.deepEqual(differing.slice(0, 3), []);
});

test('tables mentioned outside comments and strings', () => {
  const known = new Set(['DeviceProcessEvents', 'DeviceFileEvents', 'SigninLogs']);
  assert.deepEqual(namesMentioned('// DeviceFileEvents\nDeviceProcessEvents | where x == "SigninLogs" and y has \'SigninLogs\'', known), ['DeviceProcessEvents']);
  assert.deepEqual(namesMentioned('union DeviceFileEvents, DeviceProcessEvents', known), ['DeviceFileEvents', 'DeviceProcessEvents']);
});
