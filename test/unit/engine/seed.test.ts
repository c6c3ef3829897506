// Golden test: the seed detection (T1219.002, remote desktop software) on a small event set that
// exercises every case() branch, every flag column, a row that falls to "Other", and both filters.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import type { TableProvider } from '../../../server/src/engine/table';
import { parseDateTime, type Value } from '../../../server/src/engine/values';
import { defenderTable, NOW, renderRows, run } from './helpers';

/** The seed query, from `let RMMTools` through `| sort by Timestamp desc`. */
function seedQuery(): string {
  const text = readFileSync(resolve('data/seeds/T1219.002-remote-desktop-software.txt'), 'utf8');
  const start = text.indexOf('let RMMTools');
  const endMarker = '| sort by Timestamp desc';
  return text.slice(start, text.indexOf(endMarker) + endMarker.length);
}

const schema = defenderTable('DeviceProcessEvents');
const environment = { tables: [schema], openTables: [], functions: [] };

interface Event {
  minutesAgo: number;
  file: string;
  folder: string;
  parent: string;
}

const PF = 'C:\\Program Files\\';
const events: Event[] = [
  { minutesAgo: 10, file: 'TeamViewer.exe', folder: `${PF}TeamViewer\\`, parent: 'explorer.exe' },
  { minutesAgo: 20, file: 'AnyDesk.exe', folder: 'C:\\Users\\bob\\Downloads\\', parent: 'powershell.exe' },
  { minutesAgo: 30, file: 'notepad.exe', folder: 'C:\\Windows\\', parent: 'explorer.exe' },
  { minutesAgo: 40, file: 'ConnectWiseControl.Client.exe', folder: 'C:\\Program Files (x86)\\ScreenConnect\\', parent: 'services.exe' },
  { minutesAgo: 50, file: 'screenconnect.exe', folder: 'C:\\Users\\eve\\AppData\\Local\\Temp\\sc\\', parent: 'cmd.exe' },
  { minutesAgo: 60, file: 'logmein.exe', folder: `${PF}LogMeIn\\`, parent: 'services.exe' },
  { minutesAgo: 70, file: 'aa_v3.exe', folder: 'D:\\tools\\', parent: 'mshta.exe' },
  { minutesAgo: 80, file: 'tvnserver.exe', folder: `${PF}TightVNC\\`, parent: 'services.exe' },
  { minutesAgo: 90, file: 'splashtop.exe', folder: `${PF}Splashtop\\`, parent: 'explorer.exe' },
  { minutesAgo: 100, file: 'rustdesk.exe', folder: 'C:\\Users\\bob\\tmp\\', parent: 'explorer.exe' },
  { minutesAgo: 110, file: 'supremo.exe', folder: 'C:\\Users\\bob\\Desktop\\', parent: 'wscript.exe' },
  { minutesAgo: 120, file: 'client32.exe', folder: `${PF}NetSupport\\`, parent: 'explorer.exe' },
  { minutesAgo: 130, file: 'remoting_host.exe', folder: `${PF}Google\\Chrome Remote Desktop\\`, parent: 'services.exe' },
  { minutesAgo: 140, file: 'zoommtg.exe', folder: 'C:\\Users\\bob\\AppData\\Roaming\\Zoom\\bin\\', parent: 'explorer.exe' },
  { minutesAgo: 2 * 24 * 60, file: 'teamviewer.exe', folder: `${PF}TeamViewer\\`, parent: 'explorer.exe' },
];

const MINUTE = 600_000_000n;

function provider(): TableProvider {
  const rows = events.map((e, i) => {
    const cells: Record<string, Value> = {
      Timestamp: NOW - BigInt(e.minutesAgo) * MINUTE,
      DeviceName: `host${i}`,
      AccountName: 'bob',
      FileName: e.file,
      FolderPath: e.folder + e.file,
      ProcessCommandLine: `"${e.file}"`,
      InitiatingProcessFileName: e.parent,
      InitiatingProcessCommandLine: e.parent,
    };
    return schema.columns.map((c) => cells[c.name] ?? (c.type === 'string' ? '' : null));
  });
  const table = memoryTable(schema.columns, rows);
  return { table: (name) => (name === 'DeviceProcessEvents' ? table : undefined), tableNames: () => ['DeviceProcessEvents'] };
}

// [event index, ToolFamily, SuspiciousParent, FromTempPath, IsPortable]
const expected: [number, string, boolean, boolean, boolean][] = [
  [0, 'TeamViewer', false, false, false],
  [1, 'AnyDesk', true, true, true],
  // `has` matches whole terms: the term is `connectwisecontrol`, so `has "connectwise"` is false.
  [3, 'Other', false, false, false],
  [4, 'ScreenConnect', true, true, true],
  [5, 'LogMeIn', false, false, false],
  [6, 'AmmyyAdmin', true, false, true],
  [7, 'VNC', false, false, false],
  [8, 'Splashtop', false, false, false],
  [9, 'RustDesk', false, true, true],
  [10, 'Supremo', true, false, true],
  [11, 'NetSupport', false, false, false],
  [12, 'ChromeRD', false, false, false],
  [13, 'Other', false, false, true],
];

test('seed detection: every case() branch, every flag, "Other", and both filters', () => {
  const result = run(seedQuery(), { provider: provider() }, environment);
  assert.deepEqual(result.diagnostics, []);
  const [table] = result.results;
  assert.deepEqual(
    table.columns.map((c) => c.name),
    ['Timestamp', 'DeviceName', 'AccountName', 'FileName', 'ProcessCommandLine', 'FolderPath', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'ToolFamily', 'SuspiciousParent', 'FromTempPath', 'IsPortable'],
  );
  const rows = renderRows(table);
  assert.deepEqual(
    rows.map((r) => [r[1], r[8], r[9], r[10], r[11]]),
    expected.map(([i, family, parent, temp, portable]) => [`host${i}`, family, parent, temp, portable]),
  );
  const first = events[0];
  assert.deepEqual(rows[0], [
    '2026-01-15T11:50:00.0000000Z',
    'host0',
    'bob',
    first.file,
    `"${first.file}"`,
    first.folder + first.file,
    'explorer.exe',
    'explorer.exe',
    'TeamViewer',
    false,
    false,
    false,
  ]);
});

test('seed detection: the explain trace names passed predicates, the fired branch and the dropping predicate', () => {
  const query = seedQuery();
  const result = run(query, { provider: provider(), explain: true }, environment);
  assert.deepEqual(result.diagnostics, []);
  const trace = result.results[0].trace!;
  assert.equal(trace.rows.length, expected.length);
  const spanText = (span: { start: number; end: number }) => query.slice(span.start, span.end);

  const anyDesk = trace.rows[1];
  assert.deepEqual(anyDesk.sources, [{ table: 'DeviceProcessEvents', row: 1 }]);
  assert.deepEqual(anyDesk.passed.map(spanText), ['Timestamp > ago(24h)', 'FileName has_any (RMMTools)']);
  assert.equal(anyDesk.branches.length, 1);
  assert.equal(anyDesk.branches[0].column, 'ToolFamily');
  assert.equal(anyDesk.branches[0].branch, 1);
  assert.equal(spanText(anyDesk.branches[0].span), 'FileName has_any ("anydesk")');
  assert.ok(spanText(anyDesk.branches[0].call).startsWith('case('));

  const other = trace.rows[expected.length - 1];
  assert.deepEqual(other.sources, [{ table: 'DeviceProcessEvents', row: 13 }]);
  assert.equal(other.branches[0].branch, 'else');
  assert.equal(spanText(other.branches[0].span), '"Other"');

  const dropped = trace.dropped.map((d) => [d.sources[0].row, spanText(d.droppedBy)]);
  assert.deepEqual(dropped, [
    [2, 'FileName has_any (RMMTools)'],
    [14, 'Timestamp > ago(24h)'],
  ]);
});

test('seed detection: now() is pinned, so moving it moves the time window', () => {
  const later = run(seedQuery(), { provider: provider(), now: NOW + 24n * 60n * MINUTE }, environment);
  assert.deepEqual(later.diagnostics, []);
  assert.equal(later.results[0].rows.length, 0);
  assert.equal(parseDateTime('2026-01-15T12:00:00Z'), NOW);
});
