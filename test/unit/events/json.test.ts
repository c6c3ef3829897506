import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ColumnSchema } from '../../../server/src/engine/table';
import { parseDateTime, type Value } from '../../../server/src/engine/values';
import { formatProblem, readJsonDocument, readJsonLines, readJsonLinesProjected, type ReadResult } from '../../../server/src/events';

const SCHEMA: ColumnSchema[] = [
  { name: 'Timestamp', type: 'datetime' },
  { name: 'FileName', type: 'string' },
  { name: 'FileSize', type: 'long' },
  { name: 'IsRemote', type: 'bool' },
  { name: 'AdditionalFields', type: 'dynamic' },
];

function rows(result: ReadResult, columns = result.table.schema.map((c) => c.name)): Value[][] {
  const arrays = columns.map((name) => result.table.column(name)!);
  return Array.from({ length: result.table.rowCount }, (_, row) => arrays.map((values) => values[row]));
}

function problems(result: ReadResult): string[] {
  return result.problems.map(formatProblem);
}

/** Reads `text` with the lazy reader and with the streaming one (cut into tiny blocks); both must agree. */
function readBoth(text: string, schema?: ColumnSchema[]): ReadResult {
  const lazy = readJsonLines(Buffer.from(text), 'e.jsonl', { schema });
  const bytes = Buffer.from(text);
  const blocks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
  const streamed = readJsonLinesProjected(blocks, 'e.jsonl', { schema });
  assert.deepEqual(rows(streamed), rows(lazy), 'streamed rows');
  assert.deepEqual(
    Array.from({ length: streamed.table.rowCount }, (_, r) => streamed.table.source(r)),
    Array.from({ length: lazy.table.rowCount }, (_, r) => lazy.table.source(r)),
    'streamed sources',
  );
  assert.deepEqual([...problems(streamed)].sort(), [...problems(lazy)].sort(), 'streamed problems');
  return lazy;
}

describe('JSON Lines', () => {
  it('types values by the schema', () => {
    const result = readBoth(
      [
        '{"Timestamp":"2024-01-15T10:23:45.1234567Z","FileName":"AnyDesk.exe","FileSize":123,"IsRemote":true,"AdditionalFields":{"a":[1,2]}}',
        '{"Timestamp":"2024-01-15 10:23:45","FileName":"C:\\\\Temp\\\\a \\"b\\".exe","FileSize":"456","IsRemote":"False","AdditionalFields":"{\\"k\\":\\"v\\"}"}',
        '{"FileName":"é😀.exe","FileSize":null,"AdditionalFields":"plain text"}',
      ].join('\n'),
      SCHEMA,
    );
    assert.deepEqual(rows(result), [
      [parseDateTime('2024-01-15T10:23:45.1234567Z'), 'AnyDesk.exe', 123, true, { a: [1, 2] }],
      [parseDateTime('2024-01-15T10:23:45Z'), 'C:\\Temp\\a "b".exe', 456, false, { k: 'v' }],
      [null, 'é😀.exe', null, null, 'plain text'],
    ]);
    assert.deepEqual(problems(result), []);
  });

  it('skips bad lines and reports file:line:column; the rest loads', () => {
    const result = readBoth(
      ['{"FileName":"a.exe"}', '', 'not json', '{"FileName":"b.exe",}', '  {"FileName":"c.exe"} extra', '{"FileName":"d.exe"', '[1,2]', '\r', '{"FileName":"e.exe"}\r'].join('\n'),
      SCHEMA,
    );
    assert.deepEqual(rows(result, ['FileName']), [['a.exe'], ['e.exe']]);
    assert.deepEqual(result.table.source(1), { file: 'e.jsonl', line: 9 });
    assert.deepEqual(problems(result).slice(0, 2), ['e.jsonl:3:1: expected an event object ({...}) on this line; line skipped', 'e.jsonl:4:21: expected a key in quotes; line skipped']);
    assert.equal(problems(result).length, 5);
  });

  it('reports a bad value with its position, leaves it empty, and keeps the row', () => {
    const result = readJsonLines(Buffer.from('{"FileName":"a","FileSize":1}\n{"FileName":"b","FileSize":"12kb","Timestamp":"yesterday"}'), 'e.jsonl', { schema: SCHEMA });
    assert.deepEqual(problems(result), [], 'values are checked when their column is first used');
    assert.deepEqual(rows(result, ['FileName', 'FileSize']), [
      ['a', 1],
      ['b', null],
    ]);
    assert.deepEqual(problems(result), ['e.jsonl:2:28: FileSize: expected a long, found "12kb"; value left empty']);
    result.table.column('Timestamp');
    assert.equal(problems(result)[1], 'e.jsonl:2:47: Timestamp: expected a datetime, found "yesterday"; value left empty');
  });

  it('rejects fractions and out-of-range values for integer columns', () => {
    const result = readBoth('{"FileSize":1.5}\n{"FileSize":1e3}\n{"FileSize":-7}', SCHEMA);
    assert.deepEqual(rows(result, ['FileSize']), [[null], [1000], [-7]]);
    assert.match(problems(result)[0], /e.jsonl:1:13: FileSize: expected a whole number/);
  });

  it('finds top-level keys only, whatever nested objects or strings hold', () => {
    const result = readBoth(
      [
        '{"X":{"FileName":"inner"},"FileName":"outer"}',
        '{"Cmd":"a \\"FileName\\":\\"evil\\"","FileName":"good"}',
        '{"Cmd":"ends with backslash\\\\","FileName":"after"}',
        '{"FileName":"first","FileName":"second"}',
        '{ "FileName" : "spaced" , "Arr" : [ {"FileName":"x"} ] }',
        '{"Cmd":"dllhost.exe /Processid:{AB89}","FileName":"after a brace in a string"}',
        '{"FileName":"before nesting","X":{"FileName":"nested"}}',
      ].join('\n'),
      [{ name: 'FileName', type: 'string' }],
    );
    assert.deepEqual(rows(result), [['outer'], ['good'], ['after'], ['first'], ['spaced'], ['after a brace in a string'], ['before nesting']]);
  });

  it('finds values that start more than 64 KiB into an event', () => {
    const padding = 'x'.repeat(70_000);
    const result = readBoth(`{"Pad":"${padding}","FileName":"far.exe","FileSize":5}\n{"FileName":"near.exe"}`, SCHEMA);
    assert.deepEqual(rows(result, ['FileName', 'FileSize']), [
      ['far.exe', 5],
      ['near.exe', null],
    ]);
  });

  it('infers types when no schema is given', () => {
    const result = readBoth(
      [
        '{"When":"2024-01-15T10:00:00Z","Name":"a","Count":1,"Ratio":1,"Flag":true,"Bag":{"a":1},"Mixed":1,"Empty":null}',
        '{"When":"2024-01-16T10:00:00.5Z","Name":"2024-01-15T10:00:00Z","Count":2,"Ratio":2.5,"Flag":false,"Bag":[1],"Mixed":"one","Empty":null}',
      ].join('\n'),
    );
    assert.deepEqual(
      result.table.schema.map((c) => `${c.name}:${c.type}`),
      ['When:datetime', 'Name:string', 'Count:long', 'Ratio:real', 'Flag:bool', 'Bag:dynamic', 'Mixed:dynamic', 'Empty:string'],
    );
    assert.deepEqual(rows(result, ['When', 'Mixed', 'Empty']), [
      [parseDateTime('2024-01-15T10:00:00Z'), 1, ''],
      [parseDateTime('2024-01-16T10:00:00.5Z'), 'one', ''],
    ]);
  });

  it('reports bad values found while inferring types, in both readers', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `{"When":"2024-01-15T10:00:${String(i % 60).padStart(2, '0')}Z"}`);
    lines.push('{"When":"not a date"}');
    const result = readBoth(lines.join('\n'));
    assert.equal(result.table.schema[0].type, 'datetime');
    assert.deepEqual(problems(result), ['e.jsonl:301:9: When: expected a datetime, found "not a date"; value left empty']);
  });

  it('skips a byte-order mark and keeps the columns a schema names but the file lacks', () => {
    const result = readBoth('\uFEFF{"FileName":"a"}\n', SCHEMA);
    assert.deepEqual(rows(result), [[null, 'a', null, null, null]]);
  });

  it('stops at the cancellation callback and keeps what it read', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `{"FileName":"f${i}"}`).join('\n');
    let polls = 0;
    const result = readJsonLines(Buffer.from(text), 'e.jsonl', { schema: SCHEMA, isCancelled: () => ++polls > 1 });
    assert.ok(result.table.rowCount < 10_000);
    assert.match(problems(result).at(-1)!, /loading cancelled after \d+ event/);
  });
});

describe('JSON documents', () => {
  it('reads a pretty-printed array, with each event at the line its object starts on', () => {
    const result = readJsonDocument(Buffer.from('[\n  {\n    "FileName": "a.exe",\n    "FileSize": 1\n  },\n  42,\n  {"FileName": "b.exe"}\n]\n'), 'e.json', { schema: SCHEMA });
    assert.deepEqual(rows(result, ['FileName', 'FileSize']), [
      ['a.exe', 1],
      ['b.exe', null],
    ]);
    assert.deepEqual(result.table.source(1), { file: 'e.json', line: 7 });
    assert.deepEqual(problems(result), ['e.json:6:3: expected an event object ({...}); value skipped']);
  });

  it('keeps the events before a syntax error', () => {
    const result = readJsonDocument(Buffer.from('[{"FileName":"a"},\n{"FileName" "b"}, {"FileName":"c"}]'), 'e.json', { schema: SCHEMA });
    assert.deepEqual(rows(result, ['FileName']), [['a']]);
    assert.deepEqual(problems(result), ['e.json:2:13: expected : after the key; reading stopped here']);
  });

  it('reports an array that is not closed', () => {
    const result = readJsonDocument(Buffer.from('[{"FileName":"a"},'), 'e.json', { schema: SCHEMA });
    assert.equal(result.table.rowCount, 1);
    assert.deepEqual(problems(result), ['e.json:1:19: the array of events is not closed with ]']);
  });

  it('reads objects one after another, and an empty file', () => {
    assert.deepEqual(rows(readJsonDocument(Buffer.from('{"FileName":"a"}\n{\n"FileName":"b"}'), 'e.json', { schema: SCHEMA }), ['FileName']), [['a'], ['b']]);
    const empty = readJsonDocument(Buffer.from(''), 'e.json', { schema: SCHEMA });
    assert.equal(empty.table.rowCount, 0);
    assert.deepEqual(problems(empty), []);
  });
});
