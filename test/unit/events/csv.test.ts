import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ColumnSchema } from '../../../server/src/engine/table';
import { parseDateTime, type Value } from '../../../server/src/engine/values';
import { formatProblem, readCsv, type ReadResult } from '../../../server/src/events';

const SCHEMA: ColumnSchema[] = [
  { name: 'Timestamp', type: 'datetime' },
  { name: 'FileName', type: 'string' },
  { name: 'ProcessCommandLine', type: 'string' },
  { name: 'FileSize', type: 'long' },
  { name: 'AdditionalFields', type: 'dynamic' },
];

function read(text: string, schema?: ColumnSchema[]): ReadResult {
  return readCsv(Buffer.from(text), 'e.csv', { schema });
}

function rows(result: ReadResult, columns = result.table.schema.map((c) => c.name)): Value[][] {
  const arrays = columns.map((name) => result.table.column(name)!);
  return Array.from({ length: result.table.rowCount }, (_, row) => arrays.map((values) => values[row]));
}

describe('CSV (Advanced Hunting export)', () => {
  it('reads quoted fields with commas, quotes and line breaks, and types them by the schema', () => {
    const result = read(
      [
        'Timestamp,FileName,ProcessCommandLine,FileSize,AdditionalFields',
        '2024-01-15T10:23:45.123Z,AnyDesk.exe,"""AnyDesk.exe"" --control, --silent",42,"{""Port"":7070}"',
        '2024-01-15T10:24:00Z,cmd.exe,"cmd /c echo a',
        'b",,',
        '',
      ].join('\r\n'),
      SCHEMA,
    );
    assert.deepEqual(rows(result), [
      [parseDateTime('2024-01-15T10:23:45.123Z'), 'AnyDesk.exe', '"AnyDesk.exe" --control, --silent', 42, { Port: 7070 }],
      [parseDateTime('2024-01-15T10:24:00Z'), 'cmd.exe', 'cmd /c echo a\r\nb', null, null],
    ]);
    assert.deepEqual(result.table.source(1), { file: 'e.csv', line: 3 });
    assert.deepEqual(result.problems, []);
  });

  it('skips a record with the wrong number of fields and reports its line', () => {
    const result = read('FileName,FileSize\na.exe,1\nb.exe\n"c,exe",3,extra\nd.exe,4\n', SCHEMA);
    assert.deepEqual(rows(result, ['FileName', 'FileSize']), [
      ['a.exe', 1],
      ['d.exe', 4],
    ]);
    assert.deepEqual(result.problems.map(formatProblem), [
      'e.csv:3:1: expected 2 field(s) as in the header, found 1; record skipped',
      'e.csv:4:1: expected 2 field(s) as in the header, found 3; record skipped',
    ]);
    assert.deepEqual(result.table.source(1), { file: 'e.csv', line: 5 });
  });

  it('reports a bad value with its position and leaves it empty', () => {
    const result = read('FileName,FileSize,Timestamp\na.exe,12kb,2024-01-15\n', SCHEMA);
    assert.deepEqual(rows(result, ['FileName', 'FileSize', 'Timestamp']), [['a.exe', null, parseDateTime('2024-01-15')]]);
    assert.deepEqual(result.problems.map(formatProblem), ['e.csv:2:7: FileSize: expected a long, found "12kb"; value left empty']);
  });

  it('reports an unclosed quote and keeps the records before it', () => {
    const result = read('FileName,FileSize\na.exe,1\n"b.exe,2\nc.exe,3\n', SCHEMA);
    assert.deepEqual(rows(result, ['FileName']), [['a.exe']]);
    assert.deepEqual(result.problems.map(formatProblem), ['e.csv:3:1: unclosed quote: the rest of the file is one field; record skipped']);
  });

  it('keeps header columns the schema lacks, as strings, and empties schema columns the header lacks', () => {
    const result = read('\uFEFFFileName,Extra\na.exe,x\n', SCHEMA);
    assert.deepEqual(
      result.table.schema.map((c) => c.name),
      ['Timestamp', 'FileName', 'ProcessCommandLine', 'FileSize', 'AdditionalFields', 'Extra'],
    );
    assert.deepEqual(rows(result), [[null, 'a.exe', '', null, null, 'x']]);
  });

  it('infers types from the values when no schema is given', () => {
    const result = read('When,Count,Ratio,Flag,Bag,Name,Blank\n2024-01-15T10:00:00Z,1,1,True,"{""a"":1}",x,\n2024-01-16 10:00:00,2,2.5,false,[1],2,\n');
    assert.deepEqual(
      result.table.schema.map((c) => `${c.name}:${c.type}`),
      ['When:datetime', 'Count:long', 'Ratio:real', 'Flag:bool', 'Bag:dynamic', 'Name:string', 'Blank:string'],
    );
    assert.deepEqual(rows(result), [
      [parseDateTime('2024-01-15T10:00:00Z'), 1, 1, true, { a: 1 }, 'x', ''],
      [parseDateTime('2024-01-16T10:00:00Z'), 2, 2.5, false, [1], '2', ''],
    ]);
  });

  it('reads an empty file and a header-only file as empty tables', () => {
    assert.equal(read('').table.rowCount, 0);
    const headerOnly = read('FileName,FileSize\n', SCHEMA);
    assert.equal(headerOnly.table.rowCount, 0);
    assert.deepEqual(headerOnly.problems, []);
  });
});
