// One preview of a detection on sample events: the model the panel, the CodeLens and the CLI show.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDateTime } from '../../../server/src/engine/values';
import { environmentFor } from '../../../server/src/kusto/environment';
import { pinNow, runPreview, type PreviewRequest } from '../../../server/src/preview';
import { fileHost } from '../../../server/src/preview/fileHost';
import type { PreviewModel } from '../../../server/src/protocol/preview';
import { jsonl, memoryHost } from './memoryHost';

const ENV = environmentFor('defender');
const SEED = join(__dirname, '..', '..', '..', 'examples', 'rmm', 'remote-desktop-software.kql');

function preview(request: Omit<PreviewRequest, 'maxRows'> & { maxRows?: number }, files: Record<string, string> = {}): PreviewModel {
  const host = Object.keys(files).length > 0 ? memoryHost(files) : fileHost;
  const outcome = runPreview({ maxRows: 1000, ...request }, ENV, host);
  assert.ok('model' in outcome, 'the preview ran');
  return outcome.model;
}

test('the seed on its example events: totals, funnel, families, flags', () => {
  const model = preview({ detection: SEED, text: readFileSync(SEED, 'utf8') });
  assert.equal(model.events.origin, 'spec');
  assert.deepEqual(model.now, { iso: '2026-11-20T12:00:00.0000000Z', origin: 'spec' });
  assert.deepEqual(model.totals, { scanned: 29, matched: 9, dropped: 20 });
  assert.deepEqual(
    model.funnel.map((step) => [step.predicate.text, step.predicate.range.line, step.dropped, step.remaining]),
    [
      ['Timestamp > ago(24h)', 20, 1, 28],
      ['FileName has_any (RMMTools)', 21, 19, 9],
    ],
  );
  assert.equal(model.category?.column, 'ToolFamily');
  assert.deepEqual(model.category?.counts.find((c) => c.value === 'Other'), { value: 'Other', count: 1 });
  assert.equal(model.category?.counts.reduce((sum, c) => sum + c.count, 0), 9);
  assert.deepEqual(model.flags, ['SuspiciousParent', 'FromTempPath', 'IsPortable']);
  assert.equal(model.rows.length, 9);
  assert.deepEqual(model.problems, []);
});

test('each row carries its input event, the predicates it passed and the case() branch that fired', () => {
  const model = preview({ detection: SEED, text: readFileSync(SEED, 'utf8') });
  const fileName = model.columns.findIndex((c) => c.name === 'FileName');
  const family = model.columns.findIndex((c) => c.name === 'ToolFamily');
  const vnc = model.rows.find((row) => row.cells[fileName] === 'vncviewer.exe');
  assert.ok(vnc);
  assert.equal(vnc.cells[family], 'Other');
  assert.deepEqual(vnc.explanation.branches.map((b) => [b.column, b.branch, b.predicate.text]), [['ToolFamily', 'else', '"Other"']]);
  assert.deepEqual(vnc.explanation.passed.map((p) => p.text), ['Timestamp > ago(24h)', 'FileName has_any (RMMTools)']);
  assert.match(vnc.event?.location?.file ?? '', /near-misses\.jsonl$/);
  assert.equal(vnc.event?.fields.find((f) => f.name === 'FileName')?.value, 'vncviewer.exe');
  // A JSON Lines event is shown as written in its file, not as the decoded column would print it.
  assert.equal(vnc.event?.fields.find((f) => f.name === 'Timestamp')?.value, '2026-11-20T10:21:12Z');

  const anydesk = model.rows.find((row) => row.cells[fileName] === 'AnyDesk.exe');
  assert.deepEqual(anydesk?.explanation.branches.map((b) => [b.branch, b.predicate.text]), [[1, 'FileName has_any ("anydesk")']]);
});

test('unmatched events name the predicate that dropped them', () => {
  const model = preview({ detection: SEED, text: readFileSync(SEED, 'utf8') });
  const renamed = model.unmatched.find((u) => u.event.fields.some((f) => f.name === 'FileName' && f.value === 'AnyDesk (1).exe'));
  assert.equal(renamed?.droppedBy.text, 'FileName has_any (RMMTools)');
  assert.equal(model.unmatched.length, 20);
});

test('maxRows caps the rows and unmatched events sent, not the counts', () => {
  const model = preview({ detection: SEED, text: readFileSync(SEED, 'utf8'), maxRows: 2 });
  assert.equal(model.rows.length, 2);
  assert.equal(model.rowsTruncated, true);
  assert.equal(model.unmatched.length, 2);
  assert.equal(model.unmatchedTruncated, true);
  assert.equal(model.totals.matched, 9);
});

const EVENTS = jsonl(
  { Timestamp: '2026-03-01T10:00:00Z', FileName: 'anydesk.exe', ReportId: 1 },
  { Timestamp: '2026-03-02T10:00:00Z', FileName: 'notepad.exe', ReportId: 2 },
  { Timestamp: '2026-03-03T10:00:00Z', FileName: 'teamviewer.exe', ReportId: 3 },
);

test('without a spec, now is the latest event time, and the user can pin another', () => {
  const files = { '/w/det.kql': '', '/w/events/DeviceProcessEvents.jsonl': EVENTS };
  const text = 'DeviceProcessEvents\n| where Timestamp > ago(1d)\n| project FileName';
  const latest = preview({ detection: '/w/det.kql', text }, files);
  assert.deepEqual(latest.now, { iso: '2026-03-03T10:00:00.0000000Z', origin: 'events' });
  assert.deepEqual(latest.rows.map((r) => r.cells), [['teamviewer.exe']]);
  const pinned = preview({ detection: '/w/det.kql', text, now: parseDateTime('2026-03-02T12:00:00Z')! }, files);
  assert.equal(pinned.now.origin, 'chosen');
  // ago(1d) from the pinned now keeps the later events, future ones included (Kusto compares, it does not clip).
  assert.deepEqual(pinned.rows.map((r) => r.cells), [['notepad.exe'], ['teamviewer.exe']]);
});

test('now falls back to the clock when no event has a time', () => {
  const provider = memoryHost({}).loadEvents([]);
  assert.deepEqual(pinNow(undefined, undefined, provider, 1_000), { ticks: 10_000_000n, origin: 'clock' });
});

test('the block at the offset is previewed, and the offsets are the document’s', () => {
  const files = { '/w/det.kql': '', '/w/det.events.jsonl': EVENTS };
  const text = 'DeviceProcessEvents | where ReportId == 1\n\nDeviceProcessEvents\n| where ReportId > 1\n| where FileName has "teamviewer"';
  const first = preview({ detection: '/w/det.kql', text, offset: 5 }, files);
  assert.equal(first.totals.matched, 1);
  const second = preview({ detection: '/w/det.kql', text }, files);
  assert.deepEqual(second.block, { start: text.indexOf('DeviceProcessEvents\n'), end: text.length });
  assert.deepEqual(
    second.funnel.map((s) => [s.predicate.text, s.predicate.range.line, s.predicate.range.column, s.dropped, s.remaining]),
    [
      ['ReportId > 1', 4, 9, 1, 2],
      ['FileName has "teamviewer"', 5, 9, 1, 1],
    ],
  );
});

test('evaluation problems come with their place: the query span, or the event file line', () => {
  const files = { '/w/det.kql': '', '/w/det.events.jsonl': EVENTS + '{"Timestamp": \n' };
  const text = 'DeviceProcessEvents\n| extend d = geo_distance_2points(1.0, 2.0, 3.0, 4.0)';
  const model = preview({ detection: '/w/det.kql', text }, files);
  const engine = model.problems.find((p) => p.code === 'not-supported-locally');
  assert.ok(engine?.query, 'an engine problem points into the query');
  assert.equal(engine.query.line, 2);
  const events = model.problems.find((p) => p.code === 'events');
  assert.deepEqual(events?.event && { file: events.event.file, line: events.event.line }, { file: '/w/det.events.jsonl', line: 4 });
});

test('a query with errors reports them and shows no rows', () => {
  const model = preview({ detection: '/w/det.kql', text: 'DeviceProcessEvents | where NoSuchColumn == 1' }, { '/w/det.kql': '', '/w/det.events.jsonl': EVENTS });
  assert.equal(model.rows.length, 0);
  assert.equal(model.problems[0].code, 'query-error');
  assert.equal(model.problems[0].query?.column, 29);
});

test('a cancelled run reports cancellation instead of a partial model', () => {
  const outcome = runPreview({ detection: SEED, text: readFileSync(SEED, 'utf8'), maxRows: 10, isCancelled: () => true }, ENV, fileHost);
  assert.deepEqual(outcome, { cancelled: true });
});
