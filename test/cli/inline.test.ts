// `kql-detect inline`: a self-contained query on stdout, refusals with positions on stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const CLI = resolve('dist/cli.js');
const work = mkdtempSync(join(tmpdir(), 'kql-detect-inline-'));
after(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

test('inline prints the detection with its events as a datatable and now() pinned', () => {
  const run = cli(['inline', 'examples/rmm/remote-desktop-software.kql', '--events', 'examples/rmm/events/atomic-t1219.jsonl', '--now', '2026-11-20T12:00:00Z']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^\/\/ Self-contained: DeviceProcessEvents \(5 events\); now\(\) is 2026-11-20T12:00:00\.0000000Z\.\nlet DeviceProcessEvents = datatable\(Timestamp:datetime, /);
  assert.match(run.stdout, /\| where Timestamp > datetime\(2026-11-19T12:00:00\.0000000Z\)\n/);
  assert.doesNotMatch(run.stdout, /\bago\(/);
});

test('inline refuses a detection that reads a table with no events, with its position', () => {
  const detection = join(work, 'two.kql');
  writeFileSync(detection, 'DeviceProcessEvents\n| join (DeviceNetworkEvents) on DeviceId\n');
  const run = cli(['inline', detection, '--events', 'DeviceProcessEvents=examples/rmm/events/atomic-t1219.jsonl']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /two\.kql:2:9: error: reads DeviceNetworkEvents, which the spec binds no events to/);
});
