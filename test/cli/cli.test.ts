// Spawns the built CLI (dist/cli.js; `npm run test:cli` builds it first) as a user or CI would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const CLI = resolve('dist/cli.js');
const SARIF_SCHEMA = resolve('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const work = mkdtempSync(join(tmpdir(), 'kql-detect-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = process.cwd()): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A user error: exit 2 and one clear line on stderr, never a stack trace. */
function assertUsageError(run: Run, message: RegExp): void {
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
}

function write(path: string, text: string): string {
  const full = join(work, path);
  writeFileSync(full, text);
  return full;
}

test('--help for every command, exit 0', () => {
  for (const command of ['lint', 'run', 'test', 'support', 'tune', 'catalog', 'inline', 'export']) {
    const run = cli([command, '--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, new RegExp(`^Usage: kql-detect ${command}`));
    assert.match(run.stdout, /Exit codes:/);
  }
  const top = cli(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /Exit codes:\n {2}0 {2}success/);
});

test('usage errors exit 2 with one line', () => {
  assertUsageError(cli(['frobnicate']), /^kql-detect: unknown command 'frobnicate'/);
  assertUsageError(cli(['lint']), /lint needs at least one file or folder/);
  assertUsageError(cli(['lint', 'no/such/path']), /no\/such\/path: no such file or directory/);
  assertUsageError(cli(['lint', 'examples', '--format', 'xml']), /--format must be one of text, json, sarif, not 'xml'/);
  assertUsageError(cli(['lint', 'examples', '--bogus']), /Unknown option '--bogus'/);
  assertUsageError(cli(['test', join(work, 'nothing-here.txt')]), /no such file or directory/);
  assertUsageError(cli(['run', 'examples/rmm/remote-desktop-software.kql']), /run needs event files/);
});

test('lint: exit 0 on warnings only, 1 on errors or too many warnings', () => {
  const clean = cli(['lint', 'examples/']);
  assert.equal(clean.status, 0, clean.stderr);
  assert.match(clean.stdout, /^examples\/rmm\/remote-desktop-software\.kql:\d+:\d+: warning /m);
  assert.match(clean.stdout, /\d+ files? checked: 0 errors, \d+ warnings/);

  assert.equal(cli(['lint', 'examples/', '--max-warnings', '0']).status, 1);
  assert.equal(cli(['lint', 'examples/', '--max-warnings', '100000']).status, 0);

  const broken = write('broken.kql', 'DeviceProcessEvents\n| where FileNme == "x.exe"\n');
  const run = cli(['lint', broken, '--format', 'json']);
  assert.equal(run.status, 1);
  const findings = JSON.parse(run.stdout) as { line: number; column: number; severity: string; code: string }[];
  assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => [f.line, f.column, f.code]), [[2, 9, 'KS142']]);
});

test('lint: every format carries each cost finding\'s weight and each file\'s cost score; --max-cost gates on it', () => {
  // No time filter (5) and no reduction (1): a cost score of 6.
  const costly = write('costly.kql', 'DeviceProcessEvents\n| where FileName =~ "anydesk.exe"\n');
  const cheap = write('cheap.kql', 'DeviceProcessEvents\n| where Timestamp > ago(1h)\n| project FileName\n');
  const text = cli(['lint', costly, cheap]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /costly\.kql:1:1: information DeviceProcessEvents is read with no time filter.* \[missing-time-filter, cost 5\]/);
  assert.match(text.stdout, /costly\.kql: cost score 6\n/);
  assert.doesNotMatch(text.stdout, /cheap\.kql: cost score/);

  const json = JSON.parse(cli(['lint', costly, cheap, '--format', 'json']).stdout) as { file: string; code: string; weight?: number; fileCostScore: number }[];
  assert.ok(json.length > 0 && json.every((f) => f.file.endsWith('costly.kql') && f.fileCostScore === 6));
  assert.equal(json.find((f) => f.code === 'no-reduction')?.weight, 1);

  const sarif = JSON.parse(cli(['lint', costly, '--format', 'sarif']).stdout);
  assert.deepEqual(sarif.runs[0].artifacts.map((a: { properties: { costScore: number } }) => a.properties.costScore), [6]);
  assert.equal(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'missing-time-filter').properties.costWeight, 5);

  assert.equal(cli(['lint', costly, cheap, '--max-cost', '6']).status, 0);
  assert.equal(cli(['lint', costly, cheap, '--max-cost', '5']).status, 1);
  assertUsageError(cli(['lint', costly, '--max-cost', 'lots']), /--max-cost/);
  // --strict fails on any finding, information included; a file with none passes.
  assert.equal(cli(['lint', costly, '--strict']).status, 1);
  assert.equal(cli(['lint', cheap, '--strict']).status, 0);
});

test('lint --table-sizes: findings that scan a table weigh by its volume, and files rank by score', () => {
  // Both files scan a table with no time filter (5) and keep every column (1).
  const big = write('big.kql', 'DeviceNetworkEvents\n| where RemotePort == 3389\n');
  const small = write('small.kql', 'DeviceLogonEvents\n| where AccountName == "admin"\n');
  const plain = cli(['lint', small, big]);
  assert.match(plain.stdout, /small\.kql: cost score 6\n\S*big\.kql: cost score 6\n/, 'equal scores keep the order given');

  const sizes = write('sizes.json', JSON.stringify({ unit: 'GB/day', tables: { DeviceNetworkEvents: 300, DeviceLogonEvents: 3, DeviceProcessEvents: 30 } }));
  const run = cli(['lint', small, big, '--table-sizes', sizes]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /big\.kql:1:1: information DeviceNetworkEvents is read with no time filter.* \[missing-time-filter, cost 50\]/);
  assert.match(run.stdout, /big\.kql: cost score 60\n\S*small\.kql: cost score 0\.6\n/);
  const json = JSON.parse(cli(['lint', big, '--table-sizes', sizes, '--format', 'json']).stdout) as { code: string; weight?: number; scannedTable?: string; fileCostScore: number }[];
  assert.deepEqual(json.filter((f) => f.weight).map((f) => [f.code, f.weight, f.scannedTable, f.fileCostScore]), [
    ['missing-time-filter', 50, 'DeviceNetworkEvents', 60],
    ['no-reduction', 10, 'DeviceNetworkEvents', 60],
  ]);
  assert.equal(cli(['lint', big, '--table-sizes', sizes, '--max-cost', '59']).status, 1);
  assert.equal(cli(['lint', big, '--max-cost', '59']).status, 0);

  assertUsageError(cli(['lint', big, '--table-sizes', write('bad-sizes.json', '{"unit": "GB/day", "tables": {"T": 0}}')]), /bad-sizes\.json: T: the volume in GB\/day must be a number above 0/);
  assertUsageError(cli(['lint', big, '--table-sizes', big]), /big\.kql: the table-size file is not valid JSON/);
});

test('lint baseline round trip: write, add a finding and only it fails; move lines and nothing new fails', () => {
  const dir = mkdtempSync(join(work, 'baseline-'));
  const file = join(dir, 'hunt.kql');
  const baseline = join(dir, 'kql-detect.baseline.json');
  const query = 'DeviceProcessEvents\n| where FileNme == "x.exe"\n';
  writeFileSync(file, query);
  const written = cli(['lint', 'hunt.kql', '--write-baseline', baseline], dir);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stderr, /wrote 3 findings to /);
  assert.equal(cli(['lint', 'hunt.kql', '--baseline', baseline], dir).status, 0);

  // A second query with a new error: only it is shown and fails the run.
  writeFileSync(file, `${query}\nDeviceProcessEvents\n| where Timestamp > ago(1d)\n| where FolderPth has "temp"\n| project FileName\n`);
  const added = cli(['lint', 'hunt.kql', '--baseline', baseline, '--format', 'json'], dir);
  assert.equal(added.status, 1);
  const findings = JSON.parse(added.stdout) as { code: string; line: number; baselineState: string }[];
  assert.deepEqual(findings.map((f) => [f.code, f.line, f.baselineState]), [['KS142', 6, 'new']]);
  const sarif = JSON.parse(cli(['lint', 'hunt.kql', '--baseline', baseline, '--format', 'sarif'], dir).stdout);
  assert.deepEqual(
    sarif.runs[0].results.map((r: { ruleId: string; baselineState: string }) => [r.ruleId, r.baselineState]).sort(),
    [['KS142', 'new'], ['KS142', 'unchanged'], ['missing-time-filter', 'unchanged'], ['no-reduction', 'unchanged']],
  );

  // The same accepted findings, moved down and re-indented, with a comment inside the query: nothing new.
  writeFileSync(file, `// moved\n\n\nprint x = 1\n\nDeviceProcessEvents\n    // a note\n    | where   FileNme == "x.exe"\n`);
  const moved = cli(['lint', 'hunt.kql', '--baseline', baseline], dir);
  assert.equal(moved.status, 0, moved.stdout);
  assert.match(moved.stdout, /0 errors, 0 warnings \(3 baselined not shown\)/);

  // A second copy of an accepted finding is new: each entry accepts one finding.
  writeFileSync(file, `${query}\n${query}`);
  assert.equal(cli(['lint', 'hunt.kql', '--baseline', baseline], dir).status, 1);
  assertUsageError(cli(['lint', 'hunt.kql', '--baseline', 'hunt.kql'], dir), /hunt\.kql: the baseline is not valid JSON/);
});

test('fmt --check exits 1 on an unformatted file and 0 after fmt --write; formatting is idempotent', () => {
  const file = write('messy.kql', 'DeviceProcessEvents | where Timestamp > ago(1d)   | where FileName =~ "anydesk.exe" | project FileName\n');
  const check = cli(['fmt', '--check', file]);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /messy\.kql: not formatted\n/);
  const printed = cli(['fmt', file]);
  assert.equal(printed.status, 0);
  assert.equal(printed.stdout, 'DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where FileName =~ "anydesk.exe"\n| project FileName\n');
  assert.equal(cli(['fmt', '--write', file]).status, 0);
  assert.equal(readFileSync(file, 'utf8'), printed.stdout);
  assert.equal(cli(['fmt', '--check', file]).status, 0);
  assert.equal(cli(['fmt', '--write', file]).stdout, '', 'a formatted file is left alone');
  assertUsageError(cli(['fmt', '--check', '--write', file]), /--check and --write cannot be used together/);
});

test('fmt formats only the query inside a rule file, in its own block, and leaves a folded query with a note', () => {
  const fields = 'id: 0b6f9f1e-4a3b-4c7e-9d2a-1f2e3d4c5b6a\nname: Anydesk\nseverity: Low\nqueryPeriod: 1d\n';
  const rule = write('rule.yaml', `${fields}query: |\n  DeviceProcessEvents | where FileName =~ "anydesk.exe"   | project FileName\nversion: 1.0.0 # kept\n`);
  const folded = write('folded.yaml', `${fields}query: >\n  DeviceProcessEvents | take 1\n`);
  const check = cli(['fmt', '--check', rule, folded]);
  assert.equal(check.status, 1);
  assert.equal(check.stdout, `${rule}: not formatted\n`);
  assert.match(check.stderr, /folded\.yaml:5:8: query left as it is: its string style cannot hold line breaks/);
  assert.equal(cli(['fmt', '--write', rule]).status, 0);
  assert.equal(readFileSync(rule, 'utf8'), `${fields}query: |\n  DeviceProcessEvents\n  | where FileName =~ "anydesk.exe"\n  | project FileName\nversion: 1.0.0 # kept\n`);
  assert.equal(cli(['fmt', '--check', rule]).status, 0);
});

test('lint --format sarif is valid SARIF 2.1.0 with 1-based regions and rule help', () => {
  const broken = write('sarif.kql', 'DeviceProcessEvents\n| where FileNme == "x.exe"\n');
  const run = cli(['lint', 'examples/', broken, '--format', 'sarif']);
  assert.equal(run.status, 1);
  const log = JSON.parse(run.stdout);
  // The schema's language pattern is not valid with the u flag, which Ajv uses by default.
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 1));

  const [sarifRun] = log.runs;
  assert.equal(log.version, '2.1.0');
  assert.equal(sarifRun.tool.driver.name, 'kql-detect');
  const unknownName = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'KS142');
  assert.equal(unknownName.level, 'error');
  assert.deepEqual(unknownName.locations[0].physicalLocation.region, { startLine: 2, startColumn: 9, endLine: 2, endColumn: 16 });
  assert.match(unknownName.locations[0].physicalLocation.artifactLocation.uri, /sarif\.kql$/);
  for (const result of sarifRun.results) assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
  const detectionRule = sarifRun.tool.driver.rules.find((r: { properties: { source: string } }) => r.properties.source === 'kql-detect');
  assert.ok(detectionRule, `no detection rule among ${ruleIds.join(', ')}`);
  assert.notEqual(detectionRule.shortDescription.text, '');
  // Each detection rule carries its doc, bundled into the CLI from docs/rules/<id>.md.
  for (const rule of sarifRun.tool.driver.rules.filter((r: { properties: { source: string } }) => r.properties.source === 'kql-detect')) {
    const doc = readFileSync(`docs/rules/${rule.id}.md`, 'utf8');
    assert.deepEqual(rule.help, { text: doc, markdown: doc }, rule.id);
  }
});

test('lint --format sarif states no URL that neither package.json nor a rule doc gives', () => {
  const run = cli(['lint', 'examples/', write('links.kql', 'DeviceProcessEvents\n| where FileNme == "x.exe"\n'), '--format', 'sarif']);
  const log = JSON.parse(run.stdout);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { repository?: string | { url?: string }; homepage?: string };
  // npm's repository field, as the https address it names (github shorthand, git+https://…/x.git, git@…:x.git).
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const stated = [pkg.homepage, repository?.replace(/^(github:)?([\w.-]+\/[\w.-]+)$/, 'https://github.com/$2').replace(/^git\+/, '').replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '')].filter(
    (url): url is string => typeof url === 'string',
  );
  const driver = log.runs[0].tool.driver;
  const links = [driver.informationUri, ...driver.rules.map((r: { helpUri?: string }) => r.helpUri)].filter((url) => url !== undefined);
  if (stated.length === 0) assert.deepEqual(links, [], 'package.json states no repository or homepage, so nothing may link anywhere');
  for (const link of links) assert.ok(stated.some((base) => link.startsWith(base)), `${link} does not come from package.json`);

  // Every other address in the log: the SARIF schema, a file the check read, or one the rule's own doc cites.
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value === 'string') {
      for (const url of value.match(/[a-z][a-z0-9+.-]*:\/\/[^\s)>\]"'`]+/gi) ?? []) {
        const field = path.join('.');
        if (field === '$schema' && url === 'https://json.schemastore.org/sarif-2.1.0.json') continue;
        if (url.startsWith('file://') && /artifactLocation\.uri$|location\.uri$/.test(field)) continue;
        if (/\.(helpUri|informationUri)$/.test(field)) continue; // checked above
        const rule = /^runs\.0\.tool\.driver\.rules\.(\d+)\.help\./.exec(field);
        if (rule && readFileSync(`docs/rules/${driver.rules[Number(rule[1])].id}.md`, 'utf8').includes(url)) continue;
        assert.fail(`${field} holds ${url}, which neither package.json nor a rule doc gives`);
      }
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, String(i)]));
    else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(log, []);
});

test('test: the example passes (known gaps allowed), exit 0', () => {
  const run = cli(['test', 'examples/']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /✓ AnyDesk run from the Desktop by PowerShell \(Atomic T1219-2\)/);
  assert.match(run.stdout, /○ UltraVNC viewer is labelled VNC .*known gap: /);
  assert.match(run.stdout, /\d+ passed, 0 failed, \d+ known gaps, 0 errors/);
});

test('test --reporter junit writes JUnit XML a parser accepts', () => {
  const output = join(work, 'results.xml');
  const run = cli(['test', 'examples/', '--reporter', 'junit', '--output', output]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /0 failed/, 'the human report still goes to the terminal');
  const xml = readFileSync(output, 'utf8');
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
  // One suite per spec (the example folder holds several); the seed's has the known gaps.
  const suites = doc.testsuites.testsuite as { name: string }[];
  const suite = doc.testsuites.testsuite.find((s: { name: string }) => s.name === 'examples/rmm/remote-desktop-software.test.yaml');
  assert.ok(suite, `no suite for the seed's spec among ${suites.map((s) => s.name).join(', ')}`);
  const cases = suite.testcase as { name: string; skipped?: { message: string }; failure?: unknown; error?: unknown }[];
  assert.equal(Number(suite.tests), cases.length);
  assert.equal(Number(suite.failures), 0);
  assert.equal(Number(suite.errors), 0);
  assert.equal(Number(suite.skipped), cases.filter((c) => c.skipped).length);
  const gap = cases.find((c) => c.name === 'UltraVNC viewer is labelled VNC');
  assert.match(gap?.skipped?.message ?? '', /^known gap: /);
});

/** A copy of the example in the scratch folder, with the spec replaced. */
function exampleWith(spec: string): string {
  const dir = mkdtempSync(join(work, 'example-'));
  cpSync('examples/rmm', dir, { recursive: true });
  writeFileSync(join(dir, 'remote-desktop-software.test.yaml'), spec);
  return dir;
}

test('test: failures exit 1 with a row diff; a known gap that passes fails', () => {
  const dir = exampleWith(`detection: remote-desktop-software.kql
now: 2026-11-20T12:00:00Z
tables:
  DeviceProcessEvents: { files: events/atomic-t1219.jsonl }
cases:
  - name: wrong family
    events:
      DeviceProcessEvents: { where: ReportId == 102 }
    expect:
      rows: [{ ToolFamily: TeamViewer }]
  - name: fixed gap
    known_gap: claimed missing
    events:
      DeviceProcessEvents: { where: ReportId == 101 }
    expect: { count: 1 }
`);
  const run = cli(['test', dir]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /✗ wrong family\n +rows differ: 1 expected not found, 1 unexpected\n +ToolFamily\n +- +TeamViewer +\(expected, spec line 10\)\n +\+ +AnyDesk +\(result row 1\)/);
  assert.match(run.stdout, /! fixed gap\n +now passes: remove known_gap \(claimed missing\)/);
});

test('bad specs and bad events: clear errors with file:line, no stack traces', () => {
  const badYaml = exampleWith('detection: remote-desktop-software.kql\ncases:\n  - name: [oops\n');
  const yamlRun = cli(['test', badYaml]);
  assert.equal(yamlRun.status, 2);
  assert.match(yamlRun.stdout, /E .*remote-desktop-software\.test\.yaml:\d+:\d+: invalid YAML: /);

  const badEvents = exampleWith(`detection: remote-desktop-software.kql
now: 2026-11-20T12:00:00Z
tables:
  DeviceProcessEvents: { files: events/broken.jsonl }
cases:
  - name: on broken events
    must_not_match: true
`);
  writeFileSync(join(badEvents, 'events/broken.jsonl'), '{"FileName": "a.exe", "Timestamp": "2026-11-20T10:00:00Z"}\n{"FileName": "b.exe",\n');
  const eventsRun = cli(['test', badEvents]);
  assert.equal(eventsRun.status, 1);
  assert.match(eventsRun.stdout, /E on broken events\n +.*events\/broken\.jsonl:2:\d+: /);
  for (const run of [yamlRun, eventsRun]) assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
});

test('run: json, csv and explain; events bound by the table the detection reads', () => {
  const args = ['run', 'examples/rmm/remote-desktop-software.kql', '--events', 'examples/rmm/events/atomic-t1219.jsonl', '--now', '2026-11-20T12:00:00Z'];
  const json = cli([...args, '--format', 'json', '--explain']);
  assert.equal(json.status, 0, json.stderr);
  const result = JSON.parse(json.stdout);
  assert.equal(result.rows.length, 5);
  assert.equal(result.rows[0].Timestamp, '2026-11-20T10:02:55.0000000Z');
  assert.equal(result.explain.rows.length, 5);
  assert.match(json.stderr, /DeviceProcessEvents: 5 events from /);

  const csv = cli([...args, '--format', 'csv']);
  assert.equal(csv.status, 0);
  const lines = csv.stdout.trimEnd().split('\r\n');
  assert.equal(lines.length, 6);
  assert.match(lines[0], /^Timestamp,DeviceName,AccountName,FileName,ProcessCommandLine,/);

  assertUsageError(cli([...args.slice(0, 2), '--events', 'examples/rmm/events/atomic-t1219.jsonl', '--now', 'tomorrow']), /--now must be an ISO 8601 datetime/);
});

test('run: an event key the schema lacks is a warning at its first appearance, and the run goes on', () => {
  const events = write('unknown-fields.jsonl', '{"Timestamp": "2026-11-20T10:00:00Z", "FileName": "anydesk.exe", "Filename": "x"}\n{"Timestamp": "2026-11-20T10:01:00Z", "FileName": "anydesk.exe", "Filename": "y"}\n');
  const run = cli(['run', 'examples/rmm/remote-desktop-software.kql', '--events', events, '--now', '2026-11-20T12:00:00Z', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).rows.length, 2);
  const warnings = run.stderr.split('\n').filter((line) => line.includes('warning:'));
  assert.deepEqual(warnings, [`${events}:1:66: warning: "Filename" is not a column of the table's schema: its values are ignored (did you mean "FileName"?)`]);
});

test('catalog coverage: what the seed catches of each family, and its labels', () => {
  const run = cli(['catalog', 'coverage', 'examples/rmm/remote-desktop-software.kql', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const families = JSON.parse(run.stdout) as { id: string; caught: string[]; missed: string[]; labels: Record<string, string> }[];
  const anydesk = families.find((f) => f.id === 'anydesk');
  assert.deepEqual(anydesk?.caught, ['anydesk.exe']);
  assert.equal(anydesk?.labels['anydesk.exe'], 'AnyDesk');
  const screenconnect = families.find((f) => f.id === 'screenconnect');
  assert.ok(screenconnect?.missed.includes('screenconnect.clientservice.exe'));
  assert.deepEqual(families.find((f) => f.id === 'atera')?.caught, []);

  const text = cli(['catalog', 'coverage', 'examples/rmm/remote-desktop-software.kql']);
  assert.match(text.stdout, /^AnyDesk +1\/1 +AnyDesk \(1\)$/m);
  assert.match(text.stdout, /Not caught, most common first: .*Atera/);
  assertUsageError(cli(['catalog', 'coverage', write('plain.kql', 'print x = 1\n')]), /found no list of RMM binaries/);
});

test('catalog lists families and binaries', () => {
  const run = cli(['catalog']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^AnyDesk \[[a-z-]+\]: .*anydesk\.exe/m);
  const json = JSON.parse(cli(['catalog', '--format', 'json', '--category', 'all']).stdout) as { id: string }[];
  assert.ok(json.some((f) => f.id === 'anydesk'));
});

test('support: per block whether it runs, why not, and a summary by reason', () => {
  const file = write(
    'library.kql',
    [
      'DeviceProcessEvents',
      '| where FileName =~ "anydesk.exe"',
      '',
      'DeviceProcessEvents',
      '| where FileNme == "x.exe"',
      '',
      'DeviceProcessEvents',
      '| extend A = new_guid()',
      '',
    ].join('\n'),
  );
  const json = cli(['support', file, '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  const blocks = JSON.parse(json.stdout) as { file: string; line: number; status: string; reasons: { message: string; line: number; column: number }[] }[];
  assert.deepEqual(
    blocks.map((b) => [b.line, b.status, b.reasons.map((r) => [r.line, r.column])]),
    [
      [1, 'runs', []],
      [4, 'query-error', [[5, 9]]],
      [7, 'not-supported', [[8, 14]]],
    ],
  );
  assert.equal(blocks[0].file, file);
  assert.match(blocks[2].reasons[0].message, /^not supported locally: new_guid\(\)/);

  const text = cli(['support', file]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:8:14: not-supported: not supported locally: new_guid\\(\\)`, 'm'));
  assert.match(text.stdout, /^1 of 3 query blocks run locally \(33%\)$/m);
  assert.match(text.stdout, /^ +1 {2}not-supported: not supported locally: new_guid\(\) \(a fresh random guid per call cannot be reproduced locally\)$/m);
});

test('run: externaldata and watchlists read local files bound by URI and alias', () => {
  const detection = write(
    'outside.kql',
    [
      'let iocs = externaldata(Domain:string, Score:long) [@"https://example.com/iocs.csv"] with (format="csv", ignoreFirstRecord=true);',
      "let vips = _GetWatchlist('VIPs') | project SearchKey, Department;",
      'DeviceNetworkEvents',
      '| where RemoteUrl in ((iocs | where Score > 50 | project Domain))',
      '| where InitiatingProcessAccountUpn in ((vips | project tostring(SearchKey)))',
      '| project RemoteUrl',
      '',
    ].join('\n'),
  );
  const events = write(
    'DeviceNetworkEvents.jsonl',
    [
      '{"Timestamp":"2024-05-01T10:00:00Z","RemoteUrl":"evil.example","InitiatingProcessAccountUpn":"alice@contoso.com"}',
      '{"Timestamp":"2024-05-01T10:00:00Z","RemoteUrl":"evil.example","InitiatingProcessAccountUpn":"bob@contoso.com"}',
      '{"Timestamp":"2024-05-01T10:00:00Z","RemoteUrl":"meh.example","InitiatingProcessAccountUpn":"alice@contoso.com"}',
    ].join('\n') + '\n',
  );
  const iocs = write('iocs.csv', 'Domain,Score\nevil.example,90\nmeh.example,10\n');
  const vips = write('vips.csv', 'UserPrincipalName,Department\nalice@contoso.com,Finance\n');
  const bound = cli(['run', detection, '--schema', 'both', '--events', events, '--externaldata', `https://example.com/iocs.csv=${iocs}`, '--watchlist', `VIPs=${vips}`, '--format', 'json']);
  assert.equal(bound.status, 0, bound.stderr);
  assert.deepEqual((JSON.parse(bound.stdout) as { rows: unknown[] }).rows, [{ RemoteUrl: 'evil.example' }]);

  const unbound = cli(['run', detection, '--schema', 'both', '--events', events]);
  assert.equal(unbound.status, 1);
  assert.match(unbound.stderr, /outside\.kql:1:\d+: error: not supported locally: externaldata from https:\/\/example\.com\/iocs\.csv \(no local file is bound to this URI; nothing is fetched from the network\)/);
  assertUsageError(cli(['run', detection, '--events', events, '--watchlist', 'VIPs']), /--watchlist takes ALIAS=FILE, not 'VIPs'/);
});

test('tune: the proposals for a false positive with their blast radius, as JSON for review', () => {
  const run = cli(['tune', 'examples/rmm/remote-desktop-software.kql', '--event', 'examples/rmm/events/benign-fp.jsonl:1', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const proposals = JSON.parse(run.stdout) as { kind: string; scope: string; clause: string; preferred: boolean; force: boolean; removes: { alerts: number; truePositives: string[] }; variants: { checked: number; silenced: { name: string; event: Record<string, string> }[] }; warnings: string[] }[];
  const [best] = proposals;
  assert.deepEqual(
    { ...best, variants: { ...best.variants, checked: best.variants.checked > 50 } },
    {
      kind: 'device-path',
      scope: 'device helpdesk-02.contoso.local',
      clause: 'DeviceName =~ "helpdesk-02.contoso.local" and FolderPath startswith @"C:\\Program Files\\TeamViewer\\"',
      preferred: true,
      force: false,
      removes: { alerts: 1, truePositives: [] },
      variants: { checked: true, silenced: [] },
      // Defender's table has no device-group column: the narrower scope is named, not invented.
      warnings: ['no device-group scope: DeviceProcessEvents has no MachineGroup column here (Defender keeps device groups in DeviceInfo)'],
    },
  );
  // Every proposal has exactly the documented shape.
  for (const proposal of proposals) {
    assert.deepEqual(Object.keys(proposal), ['kind', 'scope', 'clause', 'preferred', 'force', 'removes', 'variants', 'warnings']);
    assert.deepEqual(Object.keys(proposal.removes), ['alerts', 'truePositives']);
    assert.deepEqual(Object.keys(proposal.variants), ['checked', 'silenced']);
    for (const variant of proposal.variants.silenced) assert.deepEqual(Object.keys(variant), ['name', 'event']);
    assert.ok(typeof proposal.removes.alerts === 'number' && proposal.warnings.every((w) => typeof w === 'string'), JSON.stringify(proposal).slice(0, 200));
  }
  const fleet = proposals.find((p) => p.kind === 'tool-path')!;
  assert.equal(fleet.scope, 'fleet');
  const silenced = fleet.variants.silenced.find((v) => v.name === 'catalog TeamViewer: teamviewer.exe in C:\\Program Files\\TeamViewer\\');
  assert.equal(silenced?.event.FolderPath, 'C:\\Program Files\\TeamViewer\\teamviewer.exe');
  assertUsageError(cli(['tune', 'examples/rmm/remote-desktop-software.kql', '--event', 'nowhere']), /--event must be FILE:LINE/);
});
