// The preview's first look at a large event set: a streamed, unexplained run whose rows and totals
// are those of the explained run that follows.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tableColumns } from '../../../server/src/engine/schema';
import { streamEventFiles, type EventBinding } from '../../../server/src/events/files';
import { environmentFor } from '../../../server/src/kusto/environment';
import { runPreview, type PreviewHost, type PreviewRequest } from '../../../server/src/preview';
import { fileHost } from '../../../server/src/preview/fileHost';
import type { PreviewModel } from '../../../server/src/protocol/preview';
import { jsonl } from './memoryHost';

const ENV = environmentFor('defender');
const SEED = join(__dirname, '..', '..', '..', 'examples', 'rmm', 'remote-desktop-software.kql');
/** The files on disk, streamed whatever their size (the real host streams large sets only). */
const streamingHost: PreviewHost = { ...fileHost, streamEvents: (bindings) => streamEventFiles(bindings) };

function preview(request: Omit<PreviewRequest, 'maxRows'>, host: PreviewHost = streamingHost): PreviewModel {
  const outcome = runPreview({ maxRows: 1000, ...request }, ENV, host);
  assert.ok('model' in outcome, 'the preview ran');
  return outcome.model;
}

test('the first look has the explained run’s rows and totals, and says what is still to come', () => {
  const text = readFileSync(SEED, 'utf8');
  const look = preview({ detection: SEED, text, firstLook: true });
  const explained = preview({ detection: SEED, text });
  assert.equal(look.firstLook, true);
  assert.equal(explained.firstLook, undefined);
  assert.deepEqual(look.rows.map((r) => r.cells), explained.rows.map((r) => r.cells));
  assert.equal(look.totals.scanned, explained.totals.scanned);
  assert.equal(look.totals.matched, explained.totals.matched);
  assert.deepEqual(look.events.tables, explained.events.tables);
  assert.deepEqual(look.now, explained.now);
  assert.deepEqual(look.columns, explained.columns);
  assert.deepEqual(look.flags, explained.flags);
  // No trace: no funnel, explanations or unmatched events until the explained run.
  assert.deepEqual(look.funnel, []);
  assert.deepEqual(look.unmatched, []);
  assert.ok(look.rows.every((row) => row.explanation.passed.length === 0 && row.event === undefined));
  assert.ok(explained.funnel.length > 0);
});

test('without a spec, the first look pins now() to the latest event time, as the explained run does', () => {
  const folder = mkdtempSync(join(tmpdir(), 'first-look-'));
  const detection = join(folder, 'det.kql');
  writeFileSync(detection, '');
  writeFileSync(
    join(folder, 'det.events.jsonl'),
    jsonl(
      { Timestamp: '2026-03-01T10:00:00Z', FileName: 'anydesk.exe' },
      { Timestamp: '2026-03-03T09:00:00Z', FileName: 'notepad.exe' },
      { Timestamp: '2026-03-03T10:00:00Z', FileName: 'teamviewer.exe' },
    ),
  );
  const text = 'DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where FileName has_any ("anydesk", "teamviewer")\n| project FileName';
  const look = preview({ detection, text, firstLook: true });
  assert.equal(look.firstLook, true);
  assert.deepEqual(look.now, { iso: '2026-03-03T10:00:00.0000000Z', origin: 'events' });
  assert.deepEqual(look.rows.map((r) => r.cells), [['teamviewer.exe']]);
  assert.deepEqual(look.totals, { scanned: 3, matched: 1, dropped: 0 });
});

test('the disk host streams only large sets not loaded yet: the seed’s events load whole', () => {
  const look = preview({ detection: SEED, text: readFileSync(SEED, 'utf8'), firstLook: true }, fileHost);
  assert.equal(look.firstLook, undefined);
  assert.ok(look.funnel.length > 0);
});

test('a query the reads cannot filter reads its tables whole, and hands them over to be kept', () => {
  const folder = mkdtempSync(join(tmpdir(), 'first-look-'));
  const file = join(folder, 'DeviceProcessEvents.jsonl');
  writeFileSync(file, jsonl({ Timestamp: '2026-03-01T10:00:00Z', FileName: 'anydesk.exe' }, { Timestamp: '2026-03-02T10:00:00Z', FileName: 'notepad.exe' }));
  const bindings: EventBinding[] = [{ table: 'DeviceProcessEvents', files: [file], schema: tableColumns(ENV, 'DeviceProcessEvents') }];

  const kept: number[] = [];
  const filtered = streamEventFiles(bindings, (provider) => kept.push(provider.table('DeviceProcessEvents')!.rowCount))!;
  assert.equal(filtered.provider.table('DeviceProcessEvents')!.filter!([{ column: 'FileName', empty: '', test: (v) => v === 'anydesk.exe' }]).rowCount, 1);
  assert.equal(filtered.eventsRead('DeviceProcessEvents'), 2);
  assert.equal(kept.length, 0, 'a filtered read is not the whole table');

  const whole = streamEventFiles(bindings, (provider) => kept.push(provider.table('DeviceProcessEvents')!.rowCount))!;
  assert.equal(whole.provider.table('DeviceProcessEvents')!.column('FileName')?.length, 2);
  assert.deepEqual(kept, [2]);
});
