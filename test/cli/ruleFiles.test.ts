// `kql-detect test`, `run` and `preview` on rule files (Sentinel analytic-rule YAML, Defender
// custom detection JSON): the rule's query runs on its product's tables, found specs run, and
// every position is the rule file's own line and column.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const CLI = resolve('dist/cli.js');
const RULE = 'examples/rmm/remote-desktop-software.analytic-rule.yaml';
const EVENTS = 'examples/rmm/events/atomic-t1219.jsonl';
const work = mkdtempSync(join(tmpdir(), 'kql-detect-rules-'));
after(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The rule with its first filter's column misspelt, and where the misspelling is (1-based). */
function misspeltRule(): { file: string; line: number; column: number } {
  const text = readFileSync(RULE, 'utf8').replace('| where Timestamp > ago(24h)', '| where Timestmp > ago(24h)');
  const file = join(work, 'misspelt.yaml');
  writeFileSync(file, text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('Timestmp'));
  return { file, line: line + 1, column: lines[line]!.indexOf('Timestmp') + 1 };
}

test('test <rule file>: runs the spec that names it', () => {
  const run = cli(['test', RULE]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /remote-desktop-software\.analytic-rule\.test\.yaml/);
  assert.match(run.stdout, /^22 passed, 0 failed, 0 known gaps, 0 errors/m);
});

test('run <rule file>: the rule query on events, on Sentinel tables; errors at the YAML position', () => {
  const run = cli(['run', RULE, '--events', EVENTS, '--now', '2026-11-20T12:00:00Z', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { rows: { FileName: string }[] };
  assert.deepEqual(result.rows.map((r) => r.FileName), ['rustdesk.exe', 'client32.exe', 'AA_v3.exe', 'AnyDesk.exe', 'TeamViewer.exe']);
  const bad = misspeltRule();
  const failed = cli(['run', bad.file, '--events', EVENTS]);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, new RegExp(`misspelt\\.yaml:${bad.line}:${bad.column}: error: The name 'Timestmp' does not refer`));
});

test('preview <rule file>: funnel lines are the rule file\'s', () => {
  const run = cli(['preview', RULE]);
  assert.equal(run.status, 0, run.stderr);
  const line = readFileSync(RULE, 'utf8').split('\n').findIndex((l) => l.includes('| where Timestamp > ago(24h)')) + 1;
  assert.match(run.stdout, new RegExp(`where Timestamp > ago\\(24h\\)\\s+\\(line ${line}, 28 left\\)`));
  assert.match(run.stdout, /^ {7}12 {2}matched$/m);
  const bad = misspeltRule();
  const failed = cli(['preview', bad.file, '--events', EVENTS]);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, new RegExp(`misspelt\\.yaml:${bad.line}:${bad.column}: error: The name 'Timestmp'`));
});

test('a YAML file that is no rule, and a detection without a spec, are usage errors', () => {
  const other = join(work, 'other.yaml');
  writeFileSync(other, 'key: value\n');
  const run = cli(['run', other, '--events', EVENTS]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /other\.yaml: holds no detection/);
  const lone = join(work, 'lone.kql');
  writeFileSync(lone, 'DeviceProcessEvents | take 1\n');
  const test = cli(['test', lone]);
  assert.equal(test.status, 2);
  assert.match(test.stderr, /lone\.kql: no test spec names this detection \(add lone\.test\.yaml beside it\)/);
});

/** The rule's .kql twin: its query is the rule's, character for character. */
const TWIN = 'examples/rmm/remote-desktop-software.improved.kql';

test('tune <rule file>: the rule query tuned with the rule spec, as for its .kql twin on the same tables', () => {
  const event = 'examples/rmm/events/benign-fp.jsonl:2';
  const rule = cli(['tune', RULE, '--event', event, '--format', 'json']);
  assert.equal(rule.status, 0, rule.stderr);
  const twin = cli(['tune', TWIN, '--event', event, '--format', 'json']);
  assert.equal(twin.status, 0, twin.stderr);
  type Report = { kind: string; clause: string; removes: unknown; variants: unknown; warnings: string[] };
  const measured = (stdout: string) => (JSON.parse(stdout) as Report[]).map(({ kind, clause, removes, variants }) => ({ kind, clause, removes, variants }));
  assert.ok(measured(rule.stdout).length > 0);
  assert.deepEqual(measured(rule.stdout), measured(twin.stdout));
  // The rule runs on Sentinel's copy of the table, which has a MachineGroup column; Defender's has none.
  const warnings = (JSON.parse(rule.stdout) as Report[]).flatMap((r) => r.warnings);
  assert.ok(warnings.includes('no device-group scope: the event has no MachineGroup'), warnings.join('\n'));
});

test('catalog coverage <rule file>: the rule query\'s lists and classifier, as for its .kql twin', () => {
  const rule = cli(['catalog', 'coverage', RULE, '--format', 'json']);
  assert.equal(rule.status, 0, rule.stderr);
  const twin = cli(['catalog', 'coverage', TWIN, '--format', 'json']);
  assert.equal(rule.stdout, twin.stdout);
  const teamViewer = (JSON.parse(rule.stdout) as { id: string; caught: string[]; labels: Record<string, string> }[]).find((f) => f.caught.includes('teamviewer.exe'));
  assert.equal(teamViewer?.labels['teamviewer.exe'], 'TeamViewer');
});

test('inline <rule file>: the rule query made self-contained; refusals at the YAML line', () => {
  const args = ['--events', EVENTS, '--now', '2026-11-20T12:00:00Z'];
  const rule = cli(['inline', RULE, ...args]);
  assert.equal(rule.status, 0, rule.stderr);
  // On Sentinel's tables, as the rule runs.
  assert.equal(rule.stdout, cli(['inline', TWIN, ...args, '--schema', 'sentinel']).stdout);
  const two = join(work, 'two.yaml');
  writeFileSync(two, readFileSync(RULE, 'utf8').replace(/^query: \|\n[\s\S]*?(?=^\S)/m, 'query: |\n  DeviceProcessEvents\n  | join (DeviceNetworkEvents) on DeviceId\n'));
  const refused = cli(['inline', two, '--events', `DeviceProcessEvents=${EVENTS}`]);
  assert.equal(refused.status, 2);
  const line = readFileSync(two, 'utf8').split('\n').findIndex((l) => l.includes('| join (DeviceNetworkEvents)')) + 1;
  assert.match(refused.stderr, new RegExp(`two\\.yaml:${line}:11: error: reads DeviceNetworkEvents`));
});

test('support <rule files>: each rule query, at its first line in the file', () => {
  const run = cli(['support', RULE, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const line = readFileSync(RULE, 'utf8').split('\n').findIndex((l) => l.startsWith('query: |')) + 2;
  assert.deepEqual(JSON.parse(run.stdout), [{ file: RULE, line, status: 'runs', reasons: [] }]);
  // A folder: its rule files and .kql files, never its specs or other YAML.
  const folder = cli(['support', 'examples/rmm', '--format', 'json']);
  const files = [...new Set((JSON.parse(folder.stdout) as { file: string }[]).map((b) => b.file))];
  assert.ok(files.includes(RULE) && files.includes(TWIN) && !files.some((f) => f.endsWith('.test.yaml')), files.join('\n'));
});

test('export: YAML → ARM → YAML keeps the rule, and the exported rule passes the spec', () => {
  const arm = join(work, 'rule.arm.json');
  const toArm = cli(['export', RULE, '--to', 'arm', '--output', arm]);
  assert.equal(toArm.status, 0, toArm.stderr);
  assert.equal(toArm.stderr, '');
  // The committed ARM example is this export.
  assert.equal(readFileSync(arm, 'utf8'), readFileSync('examples/rmm/remote-desktop-software.arm-template.json', 'utf8'));
  const back = cli(['export', arm, '--to', 'yaml']);
  assert.equal(back.status, 0, back.stderr);
  const yaml = join(work, 'back.yaml');
  writeFileSync(yaml, back.stdout);
  const again = cli(['export', yaml, '--to', 'arm']);
  assert.equal(again.stdout, readFileSync(arm, 'utf8'));
  // The spec, pointed at the exported rule, passes as it does on the YAML.
  const spec = join(work, 'back.test.yaml');
  writeFileSync(spec, readFileSync('examples/rmm/remote-desktop-software.analytic-rule.test.yaml', 'utf8').replace('detection: remote-desktop-software.analytic-rule.yaml', 'detection: back.yaml').replaceAll('events/', `${resolve('examples/rmm/events')}/`));
  const run = cli(['test', spec]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^22 passed, 0 failed/m);
});

test('export --to graph: a custom detection, with what it cannot hold on stderr; refusals are usage errors', () => {
  const graph = cli(['export', RULE, '--to', 'graph']);
  assert.equal(graph.status, 0, graph.stderr);
  const rule = JSON.parse(graph.stdout) as { queryCondition: { queryText: string }; schedule: { period: string } };
  assert.equal(rule.schedule.period, '1H');
  assert.match(graph.stderr, /remote-desktop-software\.analytic-rule\.yaml: note: customDetails has no place in a custom detection and is not kept/);
  const twoHours = join(work, 'two-hours.yaml');
  writeFileSync(twoHours, readFileSync(RULE, 'utf8').replace('queryFrequency: 1h', 'queryFrequency: 2h'));
  const refused = cli(['export', twoHours, '--to', 'graph']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /queryFrequency '2h' is none of them/);
  const kql = cli(['export', TWIN, '--to', 'arm']);
  assert.equal(kql.status, 2);
  assert.match(kql.stderr, /export converts rule files/);
  assert.equal(cli(['export', RULE]).status, 2);
});
