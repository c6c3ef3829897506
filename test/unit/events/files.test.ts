import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ColumnSchema } from '../../../server/src/engine/table';
import { formatProblem, lineAlignedPieces } from '../../../server/src/events';
import { loadEventFiles, readEventFile } from '../../../server/src/events/files';

const SCHEMA: ColumnSchema[] = [
  { name: 'FileName', type: 'string' },
  { name: 'FileSize', type: 'long' },
];

const dir = mkdtempSync(join(tmpdir(), 'kql-events-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('event files', () => {
  it('binds a table to several files of different formats, concatenated in order', () => {
    const jsonl = file('a.jsonl', '{"FileName":"a.exe","FileSize":1}\n');
    const csv = file('b.csv', 'FileName,FileSize\nb.exe,2\nc.exe,x\n');
    const json = file('c.json', '[{"FileName":"d.exe"}]');
    const provider = loadEventFiles([{ table: 'DeviceProcessEvents', files: [jsonl, csv, json], schema: SCHEMA }]);
    assert.deepEqual(provider.tableNames(), ['DeviceProcessEvents']);
    const table = provider.table('DeviceProcessEvents')!;
    assert.equal(table.rowCount, 4);
    assert.deepEqual(Array.from(table.column('FileName')!), ['a.exe', 'b.exe', 'c.exe', 'd.exe']);
    assert.deepEqual(Array.from(table.column('FileSize')!), [1, 2, null, null]);
    assert.deepEqual(table.source(2), { file: csv, line: 3 });
    assert.deepEqual(table.source(3), { file: json, line: 1 });
    assert.deepEqual(provider.problems().map(formatProblem), [`${csv}:3:7: FileSize: expected a long, found "x"; value left empty`]);
    assert.equal(provider.table('Other'), undefined);
  });

  it('streams JSON Lines and keeps only the named columns', () => {
    const path = file('big.jsonl', '{"FileName":"a.exe","FileSize":1,"Other":"x"}\n{"FileName":"b.exe","FileSize":2}\n');
    const { table, problems } = readEventFile(path, { schema: [...SCHEMA, { name: 'Other', type: 'string' }], columns: ['FileName'] });
    assert.deepEqual(table.schema, [{ name: 'FileName', type: 'string' }]);
    assert.deepEqual(Array.from(table.column('FileName')!), ['a.exe', 'b.exe']);
    assert.equal(table.column('FileSize'), undefined);
    assert.deepEqual(table.source(1), { file: path, line: 2 });
    assert.deepEqual(problems, []);
  });

  it('uses the first file to infer the schema of the others', () => {
    const first = file('i1.jsonl', '{"FileName":"a","FileSize":1}\n');
    const second = file('i2.jsonl', '{"FileSize":"2","FileName":"b"}\n');
    const table = loadEventFiles([{ table: 'T', files: [first, second] }]).table('T')!;
    assert.deepEqual(table.schema, SCHEMA);
    assert.deepEqual(Array.from(table.column('FileSize')!), [1, 2]);
  });

  it('reports unknown formats and missing files without throwing', () => {
    const unknown = file('notes.txt', 'hello');
    const missing = join(dir, 'missing.jsonl');
    const provider = loadEventFiles([{ table: 'T', files: [unknown, missing], schema: SCHEMA }]);
    assert.equal(provider.table('T')!.rowCount, 0);
    const messages = provider.problems().map(formatProblem);
    assert.equal(messages[0], `${unknown}: unknown event file type (expected .jsonl, .ndjson, .json or .csv)`);
    assert.match(messages[1], /missing\.jsonl: cannot read: ENOENT/);
  });

  it('honours cancellation', () => {
    const path = file('many.jsonl', Array.from({ length: 20_000 }, (_, i) => `{"FileName":"f${i}"}`).join('\n'));
    const provider = loadEventFiles([{ table: 'T', files: [path], schema: SCHEMA }], { isCancelled: () => true });
    assert.equal(provider.table('T')!.rowCount, 0);
    assert.match(provider.problems().map(formatProblem).join('\n'), /loading cancelled after 0 event/);
  });
});

describe('line-aligned pieces', () => {
  const cut = (blocks: string[]) => [...lineAlignedPieces(blocks.map((b) => Buffer.from(b)))].map((p) => Buffer.from(p).toString());

  it('re-cuts blocks at line breaks, joining lines that straddle blocks', () => {
    assert.deepEqual(cut(['ab\ncd', 'ef\ngh', 'ij', '\nk']), ['ab\n', 'cdef\n', 'ghij\n', 'k']);
    assert.deepEqual(cut(['a\n', 'b\n']), ['a\n', 'b\n']);
    assert.deepEqual(cut(['abc']), ['abc']);
    assert.deepEqual(cut([]), []);
  });
});
