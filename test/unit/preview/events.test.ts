// Which sample events a detection is previewed on: the user's choice, a spec naming it, then
// `<name>.events.*`, then `events/` next to it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDateTime } from '../../../server/src/engine/values';
import { findEvents } from '../../../server/src/preview';
import { jsonl, memoryHost } from './memoryHost';

const KNOWN = new Set(['DeviceProcessEvents', 'DeviceNetworkEvents']);
const EVENT = jsonl({ Timestamp: '2026-01-01T00:00:00Z', FileName: 'a.exe' });

/** Where events come from for `/w/det.kql` in a folder tree: origin, description and table → files. */
function check(files: Record<string, string>, expected: { origin: string; description: string; bindings: Record<string, string[]>; problems?: string[] }, chosen?: string[]) {
  const source = findEvents('/w/det.kql', memoryHost({ '/w/det.kql': 'DeviceProcessEvents', ...files }), { chosen, tablesRead: ['DeviceProcessEvents'], knownTables: KNOWN });
  assert.equal(source.origin, expected.origin);
  assert.equal(source.description, expected.description);
  assert.deepEqual(Object.fromEntries(source.bindings.map((b) => [b.table, b.files])), expected.bindings);
  assert.deepEqual(
    source.problems.map((p) => `${p.file}: ${p.message}`),
    expected.problems ?? [],
  );
  return source;
}

test('a spec beside the detection binds its tables and pins its now', () => {
  const source = check(
    {
      '/w/det.test.yaml': 'detection: det.kql\nnow: 2026-11-20T12:00:00Z\ntables:\n  DeviceProcessEvents:\n    files: [data/a.jsonl, data/b.jsonl]\ncases:\n  - name: x\n    expect: { count: 0 }\n',
      '/w/data/a.jsonl': EVENT,
      '/w/data/b.jsonl': EVENT,
      '/w/events/c.jsonl': EVENT,
    },
    { origin: 'spec', description: 'spec det.test.yaml', bindings: { DeviceProcessEvents: ['/w/data/a.jsonl', '/w/data/b.jsonl'] } },
  );
  assert.equal(source.now, parseDateTime('2026-11-20T12:00:00Z'));
});

test('a spec with another name counts only when it names this detection', () => {
  const spec = (detection: string) => `detection: ${detection}\ntables:\n  DeviceProcessEvents:\n    files: [x.jsonl]\ncases:\n  - name: x\n    expect: { count: 0 }\n`;
  check({ '/w/suite.test.yaml': spec('det.kql'), '/w/x.jsonl': EVENT }, { origin: 'spec', description: 'spec suite.test.yaml', bindings: { DeviceProcessEvents: ['/w/x.jsonl'] } });
  check(
    { '/w/suite.test.yaml': spec('other.kql'), '/w/events/e.jsonl': EVENT },
    { origin: 'convention', description: 'events/ next to the detection', bindings: { DeviceProcessEvents: ['/w/events/e.jsonl'] } },
  );
});

test("the detection's own spec that cannot be loaded is reported, not skipped", () => {
  const source = findEvents('/w/det.kql', memoryHost({ '/w/det.test.yaml': 'detection: [', '/w/events/e.jsonl': EVENT }), { tablesRead: [], knownTables: KNOWN });
  assert.equal(source.origin, 'spec');
  assert.ok(source.problems.length > 0);
  assert.deepEqual(source.bindings, []);
});

test('<name>.events.jsonl comes before an events/ folder', () => {
  check(
    { '/w/det.events.jsonl': EVENT, '/w/events/e.jsonl': EVENT },
    { origin: 'convention', description: 'det.events.jsonl next to the detection', bindings: { DeviceProcessEvents: ['/w/det.events.jsonl'] } },
  );
});

test('an events/ folder binds files by their table name, else to the table the detection reads', () => {
  check(
    { '/w/events/DeviceNetworkEvents.csv': 'Timestamp\n', '/w/events/b.jsonl': EVENT, '/w/events/README.md': '# notes', '/w/events/more/c.json': '[]' },
    {
      origin: 'convention',
      description: 'events/ next to the detection',
      bindings: { DeviceNetworkEvents: ['/w/events/DeviceNetworkEvents.csv'], DeviceProcessEvents: ['/w/events/b.jsonl', '/w/events/more/c.json'] },
    },
  );
});

test('a choice overrides the conventions; a file no table fits is a problem', () => {
  const files = { '/w/det.events.jsonl': EVENT, '/picked/a.jsonl': EVENT, '/picked/b.jsonl': EVENT };
  check(files, { origin: 'chosen', description: 'chosen: picked', bindings: { DeviceProcessEvents: ['/picked/a.jsonl', '/picked/b.jsonl'] } }, ['/picked']);
  const source = findEvents('/w/det.kql', memoryHost(files), { chosen: ['/picked/a.jsonl'], tablesRead: ['DeviceProcessEvents', 'DeviceNetworkEvents'], knownTables: KNOWN });
  assert.deepEqual(source.bindings, []);
  assert.match(source.problems[0].message, /cannot tell which table this file holds \(the detection reads DeviceProcessEvents, DeviceNetworkEvents\)/);
});

test('no events anywhere says how to add some', () => {
  check({}, { origin: 'none', description: 'no sample events found: add a test spec, events/ or a .events.jsonl file next to the detection, or pick files', bindings: {} });
});
