// A misspelt key in a spec's event file is read past, so the case may pass or fail for a reason
// the author cannot see. The spec result carries it as a warning with its place; outcomes are
// unchanged, since the events are read as the schema defines them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileSpecHost } from '../../../server/src/testing/fileHost';
import { runSpecFile } from '../../../server/src/testing/run';
import { formatProblem } from '../../../server/src/text/problem';

const dir = mkdtempSync(join(tmpdir(), 'kql-spec-unknown-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a spec result warns of event keys the table has no column for, once each, and runs the cases as before', () => {
  writeFileSync(join(dir, 'd.kql'), 'DeviceProcessEvents\n| where FileName == "a.exe"\n| project FileName\n');
  writeFileSync(
    join(dir, 'events.jsonl'),
    ['{"Timestamp":"2026-11-27T10:00:00Z","FileName":"a.exe"}', '{"Timestamp":"2026-11-27T10:01:00Z","Filename":"a.exe"}', '{"Timestamp":"2026-11-27T10:02:00Z","Filename":"a.exe"}'].join('\n'),
  );
  writeFileSync(
    join(dir, 'd.test.yaml'),
    `detection: d.kql
now: 2026-11-27T12:00:00Z
tables:
  DeviceProcessEvents:
    files: [events.jsonl]
cases:
  - name: only the well-spelt event alerts
    expect:
      rows: [{ FileName: a.exe }]
`,
  );
  const result = runSpecFile(join(dir, 'd.test.yaml'), fileSpecHost);
  assert.deepEqual(result.cases.map((c) => `${c.name}: ${c.outcome}`), ['only the well-spelt event alerts: pass']);
  assert.deepEqual(
    (result.warnings ?? []).map(formatProblem),
    [`${join(dir, 'events.jsonl')}:2:37: "Filename" is not a column of the table's schema: its values are ignored (did you mean "FileName"?)`],
  );
});
