// A key that the table's schema has no column for is read past, so a misspelt field in sample
// events silently changes what a test proves. Every reader notes such keys, once per file and key,
// where each first appears, as a warning.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ColumnSchema } from '../../../server/src/engine/table';
import { formatProblem, readJsonLines, readJsonLinesProjected } from '../../../server/src/events';
import { deferredEventFiles, readEventFile } from '../../../server/src/events/files';

const SCHEMA: ColumnSchema[] = [
  { name: 'Timestamp', type: 'datetime' },
  { name: 'FileName', type: 'string' },
  { name: 'AccountName', type: 'string' },
];
const EVENTS = [
  '{"Timestamp":"2026-11-27T10:00:00Z","FileName":"a.exe","AccountName":"u"}',
  '{"Timestamp":"2026-11-27T10:01:00Z", "Filename":"b.exe","Extra":1}',
  '{"Timestamp":"2026-11-27T10:02:00Z","Filename":"c.exe","Extra":2}',
].join('\n');
const EXPECTED = [
  'e.jsonl:2:38: "Filename" is not a column of the table\'s schema: its values are ignored (did you mean "FileName"?)',
  'e.jsonl:2:57: "Extra" is not a column of the table\'s schema: its values are ignored',
];

const dir = mkdtempSync(join(tmpdir(), 'kql-unknown-fields-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const lines = (problems: readonly { file: string; line: number; column: number; message: string }[]) => problems.map((p) => formatProblem({ ...p, file: 'e.jsonl' }));

describe('unknown event fields', () => {
  it('the lazy reader notes each key the schema lacks once, at its first appearance', () => {
    const { table, problems } = readJsonLines(Buffer.from(EVENTS), 'e.jsonl', { schema: SCHEMA });
    assert.deepEqual(lines(table.unknownFields), EXPECTED);
    assert.deepEqual(problems, [], 'an unknown key is a warning, not a problem of the file');
    assert.equal(table.rowCount, 3);
  });

  it('the streamed reader notes them too, and not the schema columns it leaves out', () => {
    const { table } = readJsonLinesProjected([Buffer.from(EVENTS)], 'e.jsonl', { schema: SCHEMA, columns: ['Timestamp'] });
    assert.deepEqual(lines(table.unknownFields), EXPECTED);
  });

  it('a filtered read through a file binding notes them once', () => {
    const file = join(dir, 'e.jsonl');
    writeFileSync(file, EVENTS);
    const events = deferredEventFiles([file], SCHEMA, ['Timestamp', 'FileName']);
    const filtered = events.table.filter!([{ column: 'Timestamp', test: () => true, empty: null }]);
    assert.equal(filtered.rowCount, 3);
    assert.deepEqual(lines(events.table.unknownFields), EXPECTED);
  });

  it('without a schema every key is a column, so none is unknown', () => {
    const { table } = readEventFile(join(dir, 'e.jsonl'), {});
    assert.deepEqual(table.unknownFields, []);
    assert.ok(table.schema.some((c) => c.name === 'Filename'));
  });
});
