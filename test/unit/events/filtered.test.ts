// Late materialisation must not change a query's answer: the engine's leading `where`s pushed
// into the reader (deferredEventFiles → Table.filter) give exactly the rows of the plain path
// (the whole file read, every referenced column decoded), on generated events with awkward JSON.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runQuery, type RunResult } from '../../../server/src/engine/index';
import type { Table, ValueFilter } from '../../../server/src/engine/table';
import { parseDateTime, scalarType } from '../../../server/src/engine/values';
import { formatProblem, readJsonLinesProjected } from '../../../server/src/events';
import { deferredEventFiles, readEventFile } from '../../../server/src/events/files';
import { environmentFor } from '../../../server/src/kusto/environment';

const environment = environmentFor('defender');
const SCHEMA = environment.tables.find((t) => t.name === 'DeviceProcessEvents')!.columns.map((c) => ({ name: c.name, type: scalarType(c.type) ?? 'dynamic' }));
const NOW = parseDateTime('2026-11-27T12:00:00Z')!;
const SEED = readFileSync('examples/rmm/remote-desktop-software.kql', 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'kql-filtered-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A small seeded PRNG (mulberry32), so a failing case can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILE_NAMES = ['AnyDesk.exe', 'anydesk.exe', 'TeamViewer_Service.exe', 'tv_w32.exe', 'rustdesk.exe', 'cmd.exe', 'powershell.exe', 'É-vnc.exe', 'x\\"vnc\\".exe', 'vnc😀.exe', 'Client32.EXE', ''];
const PATHS = ['C:\\\\Program Files\\\\AnyDesk\\\\', 'C:\\\\Users\\\\u\\\\Downloads\\\\', 'C:\\\\Windows\\\\Temp\\\\', 'D:\\\\tmp\\\\x'];

/** One event line as text: keys shuffled, some missing or duplicated, values in odd but valid spellings. */
function eventLine(next: () => number, index: number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const hour = String(Math.floor(next() * 48) % 24).padStart(2, '0');
  const day = next() < 0.5 ? '26' : '27';
  const fields: [string, string][] = [];
  const timestamp = pick([`"2026-11-${day}T${hour}:15:00.1234567Z"`, `"2026-11-${day} ${hour}:15:00"`, 'null', '"not a time"', `"2026-11-${day}T${hour}:15:00Z"`]);
  if (next() > 0.05) fields.push(['Timestamp', timestamp]);
  const fileName = pick(FILE_NAMES);
  const fileValue = next() < 0.05 ? 'null' : next() < 0.05 ? '12' : `"${next() < 0.2 ? fileName.replace('e', '\\u0065') : fileName}"`;
  if (next() > 0.05) fields.push([next() < 0.1 ? 'File\\u004eame' : 'FileName', fileValue]);
  if (next() < 0.1) fields.push(['FileName', '"duplicate-anydesk.exe"']); // the first of duplicate keys wins
  fields.push(['FolderPath', `"${pick(PATHS)}${fileName.replace(/\\"/g, '')}"`]);
  fields.push(['ProcessId', pick(['4', '"88"', '1.5', 'null', '"x"'])]);
  fields.push(['ProcessCommandLine', `"${next() < 0.02 ? 'a'.repeat(200_000) : 'run \\"quoted\\" \\t tab \\n newline'}"`]);
  fields.push(['InitiatingProcessFileName', `"${pick(['cmd.exe', 'explorer.exe', 'mshta.exe', 'PowerShell.exe'])}"`]);
  if (next() < 0.3) fields.push(['AdditionalFields', `{"FileName":"nested-anydesk.exe","list":[1,{"Timestamp":"x"}]}`]);
  fields.push(['DeviceName', `"dev-${index % 7}"`]);
  fields.push(['AccountName', next() < 0.5 ? 'null' : '"ü.user"']);
  for (let i = fields.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [fields[i], fields[j]] = [fields[j], fields[i]];
  }
  const space = next() < 0.2 ? ' ' : '';
  return `{${space}${fields.map(([key, value]) => `"${key}"${space}:${space}${value}`).join(`,${space}`)}${space}}`;
}

/** Lines a reader must skip and report: not an object, truncated, an array, text after the object. */
const BAD_LINES = ['not json', '{"FileName":"anydesk.exe"', '[1,2]', '{"FileName":"anydesk.exe"} trailing'];

function eventsFile(seed: number, count: number): string {
  const next = random(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(next() < 0.03 ? BAD_LINES[Math.floor(next() * BAD_LINES.length)] : next() < 0.02 ? '' : eventLine(next, i));
  const path = join(dir, `events-${seed}.jsonl`);
  writeFileSync(path, lines.join(next() < 0.5 ? '\n' : '\r\n'));
  return path;
}

const QUERIES = [
  SEED,
  'DeviceProcessEvents | where FileName has "anydesk" | where ProcessId > 10 | project FileName, ProcessId, DeviceName, AccountName',
  'DeviceProcessEvents | where Timestamp between (datetime(2026-11-26T06:00:00Z) .. datetime(2026-11-27T06:00:00Z)) | where FileName in~ ("anydesk.exe", "É-vnc.exe", "vnc😀.exe") | project Timestamp, FileName, FolderPath',
  'DeviceProcessEvents | where FileName == "AnyDesk.exe" or FolderPath has "temp" | project FileName, FolderPath',
  'DeviceProcessEvents | where isnotempty(FileName) | where ProcessCommandLine contains "quoted" | summarize n = count() by FileName | sort by FileName asc',
  'DeviceProcessEvents | where FileName has_any ("vnc", "client32") | where strlen(ProcessCommandLine) > 100 | project FileName, strlen(ProcessCommandLine)',
];

function plainRun(query: string, file: string): { run: RunResult; problems: string[] } {
  const { table } = readEventFile(file, { schema: SCHEMA });
  const run = runQuery(query, environment, { now: NOW, provider: { table: () => table, tableNames: () => ['DeviceProcessEvents'] } });
  return { run, problems: table.problems.map(formatProblem) };
}

function filteredRun(query: string, file: string): { run: RunResult; problems: string[]; filtered: string[][] } {
  const deferred = deferredEventFiles([file], SCHEMA, undefined);
  const filtered: string[][] = [];
  const table: Table = {
    get schema() {
      return deferred.table.schema;
    },
    get rowCount() {
      return deferred.table.rowCount;
    },
    column: (name) => deferred.table.column(name),
    filter: (filters: readonly ValueFilter[]) => {
      filtered.push(filters.map((f) => f.column));
      return deferred.table.filter!(filters);
    },
  };
  const run = runQuery(query, environment, { now: NOW, provider: { table: () => table, tableNames: () => ['DeviceProcessEvents'] } });
  return { run, problems: deferred.problems().map(formatProblem), filtered };
}

const skipped = (problems: string[]) => problems.filter((p) => p.endsWith('line skipped')).sort();

describe('late materialisation (where pushed into the JSON Lines reader)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`gives the plain path's rows on awkward events (seed ${seed})`, () => {
      const file = eventsFile(seed, 400);
      for (const query of QUERIES) {
        const plain = plainRun(query, file);
        const late = filteredRun(query, file);
        assert.deepEqual(late.run.diagnostics, plain.run.diagnostics, query);
        assert.deepEqual(late.run.results, plain.run.results, query);
        assert.deepEqual(skipped(late.problems), skipped(plain.problems), `bad lines: ${query}`);
        // Late materialisation reads fewer values, so it can only report fewer bad ones.
        for (const problem of late.problems) assert.ok(plain.problems.includes(problem), `${problem} (${query})`);
      }
    });
  }

  it('pushes down the leading single-column predicates only, and reports bad lines with file:line:column', () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(file, ['{"FileName":"AnyDesk.exe","ProcessId":7}', 'not json', '{"FileName":"cmd.exe","ProcessId":8}', '{"FileName":"anydesk.exe","ProcessId":"x"}'].join('\n'));
    const pushed = (query: string) => filteredRun(query, file).filtered;
    assert.deepEqual(pushed('DeviceProcessEvents | where FileName has "anydesk" | where ProcessId > 1 | where FileName != ProcessCommandLine'), [['FileName', 'ProcessId']]);
    assert.deepEqual(pushed('DeviceProcessEvents | where FileName == ProcessCommandLine | where ProcessId > 1'), []);
    assert.deepEqual(pushed('DeviceProcessEvents | where row_number() > 1 | where ProcessId > 1'), []);
    assert.deepEqual(pushed('DeviceProcessEvents | where ProcessId > 1 and ProcessId < 8'), [['ProcessId']]);
    const late = filteredRun('DeviceProcessEvents | where FileName has "anydesk" | project FileName, ProcessId', file);
    assert.deepEqual(late.run.results[0].rows, [['AnyDesk.exe', 7], ['anydesk.exe', null]]);
    assert.deepEqual(late.problems, [`${file}:2:1: expected an event object ({...}) on this line; line skipped`, `${file}:4:39: ProcessId: expected a long, found "x"; value left empty`]);
  });

  it('keeps right answers when the reader refills one block buffer (as it does for files over 64 MB)', () => {
    const blocks = ['{"FileName":"AnyDesk.exe","ProcessId":1}\n{"FileName":"svchost.exe","ProcessId":2}\n', '{"FileName":"svchost.exe","ProcessId":3}\n{"FileName":"AnyDesk.exe","ProcessId":4}\n'];
    const shared = Buffer.alloc(Math.max(...blocks.map((b) => b.length)));
    function* refilled() {
      for (const block of blocks) {
        shared.fill(0x20);
        const length = shared.write(block);
        yield shared.subarray(0, length);
      }
    }
    const anydesk: ValueFilter = { column: 'FileName', empty: '', test: (value) => value === 'AnyDesk.exe' };
    const filtered = readJsonLinesProjected(refilled(), 'e.jsonl', { schema: SCHEMA, filters: [anydesk] });
    assert.deepEqual(Array.from(filtered.table.column('ProcessId')!), [1, 4]);
    const kept = readJsonLinesProjected(refilled(), 'e.jsonl', { schema: SCHEMA, columns: ['FileName', 'ProcessId'] });
    assert.deepEqual(Array.from(kept.table.column('FileName')!), ['AnyDesk.exe', 'svchost.exe', 'svchost.exe', 'AnyDesk.exe']);
  });

  it('does not push down when explaining: the trace needs every row', () => {
    const file = join(dir, 'explain.jsonl');
    writeFileSync(file, '{"FileName":"AnyDesk.exe"}\n{"FileName":"cmd.exe"}\n');
    const deferred = deferredEventFiles([file], SCHEMA, undefined);
    let filtered = false;
    const table: Table = { schema: SCHEMA, rowCount: 0, column: () => undefined, filter: () => ((filtered = true), deferred.table) };
    Object.defineProperties(table, { rowCount: { get: () => deferred.table.rowCount }, column: { value: (name: string) => deferred.table.column(name) } });
    const run = runQuery('DeviceProcessEvents | where FileName has "anydesk"', environment, { now: NOW, explain: true, provider: { table: () => table, tableNames: () => ['DeviceProcessEvents'] } });
    assert.equal(filtered, false);
    assert.equal(run.results[0].rows.length, 1);
    assert.equal(run.results[0].trace!.dropped.length, 1);
  });
});
