// Preview models for the panel's tests, including hostile event fields.

import type { PreviewEvent, PreviewModel, PreviewRow, QueryPart } from '../../../server/src/protocol/preview';

export const HOSTILE_HTML = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_URL = 'javascript:window.__pwned=2';
export const LONG_VALUE = 'A'.repeat(50_000);

const part = (text: string, start: number): QueryPart => ({ text, range: { start, end: start + text.length, line: 2, column: 9 } });
const WHERE = part('FileName has_any (RMMTools)', 30);

function event(row: number, fileName: string, extra: { name: string; value: string }[] = []): PreviewEvent {
  return {
    table: 'DeviceProcessEvents',
    row,
    location: { file: '/w/events/a.jsonl', line: row + 1, column: 0 },
    fields: [{ name: 'FileName', value: fileName }, { name: 'DeviceName', value: `ws-${row}` }, ...extra],
  };
}

function row(index: number, fileName: string, family: string, flag: boolean): PreviewRow {
  return {
    cells: [fileName, family, flag, index],
    event: event(index, fileName),
    explanation: { passed: [WHERE], branches: [{ column: 'ToolFamily', branch: family === 'Other' ? 'else' : 0, predicate: part(family === 'Other' ? '"Other"' : 'FileName has "anydesk"', 80) }] },
  };
}

export function model(rows: PreviewRow[], overrides: Partial<PreviewModel> = {}): PreviewModel {
  return {
    detection: '/w/det.kql',
    block: { start: 0, end: 200 },
    events: { origin: 'convention', description: 'events/ next to the detection', files: ['/w/events/a.jsonl'], tables: [{ name: 'DeviceProcessEvents', events: rows.length + 2 }] },
    now: { iso: '2026-11-20T12:00:00.0000000Z', origin: 'events' },
    totals: { scanned: rows.length + 2, matched: rows.length, dropped: 2 },
    funnel: [{ predicate: WHERE, dropped: 2, remaining: rows.length }],
    columns: [
      { name: 'FileName', type: 'string' },
      { name: 'ToolFamily', type: 'string' },
      { name: 'SuspiciousParent', type: 'bool' },
      { name: 'ReportId', type: 'long' },
    ],
    rows,
    rowsTruncated: false,
    category: { column: 'ToolFamily', counts: [{ value: 'AnyDesk', count: rows.length }] },
    flags: ['SuspiciousParent'],
    unmatched: [
      { event: event(900, 'notepad.exe', [{ name: 'FolderPath', value: 'C:\\Windows' }]), droppedBy: WHERE },
      { event: event(901, HOSTILE_URL), droppedBy: WHERE },
    ],
    unmatchedTruncated: false,
    problems: [],
    elapsedMs: 12,
    ...overrides,
  };
}

export const SAMPLE = model([row(0, 'anydesk.exe', 'AnyDesk', true), row(1, 'vncviewer.exe', 'Other', false), row(2, 'AnyDesk.exe', 'AnyDesk', true)]);

/** Every event-controlled place holds an attack: cells, event fields, category values, locations, problems. */
export const HOSTILE = model(
  [
    {
      cells: [HOSTILE_HTML, HOSTILE_URL, true, 1],
      event: { ...event(0, HOSTILE_HTML, [{ name: 'FolderPath', value: HOSTILE_URL }, { name: 'ProcessCommandLine', value: LONG_VALUE }]), location: { file: HOSTILE_HTML, line: 1, column: 0 } },
      explanation: { passed: [WHERE], branches: [] },
    },
    { cells: [LONG_VALUE, 'x', false, 2], event: event(1, LONG_VALUE), explanation: { passed: [WHERE], branches: [] } },
  ],
  {
    category: { column: 'ToolFamily', counts: [{ value: HOSTILE_HTML, count: 1 }, { value: HOSTILE_URL, count: 1 }] },
    problems: [{ severity: 'error', code: 'events', message: `bad value ${HOSTILE_HTML}`, event: { file: HOSTILE_URL, line: 3, column: 1 } }],
  },
);

export function manyRows(count: number): PreviewModel {
  const rows: PreviewRow[] = [];
  for (let i = 0; i < count; i++) rows.push(row(i, `tool-${i}.exe`, i % 3 === 0 ? 'AnyDesk' : 'Other', i % 2 === 0));
  return model(rows);
}
