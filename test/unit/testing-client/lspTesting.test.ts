// The language server's side of the Test Explorer: discovery locates cases in the spec text (0-based,
// as the editor counts), a run reports each outcome with the diff the Test Explorer shows, and
// cancellation stops the run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { discoverTests, runSpecReports } from '../../../server/src/lsp/testingReports';
import { fileSpecHost } from '../../../server/src/testing/index';

const specPath = resolve('test/e2e/fixtures/explorer/anydesk.test.yaml');
const specUri = pathToFileURL(specPath).href;
const specText = readFileSync(specPath, 'utf8');

/** A cancellation check that answers true from its `n + 1`-th call on. */
function cancelledAfter(n: number): () => boolean {
  let checks = 0;
  return () => ++checks > n;
}

const never = () => false;

/** 0-based line of the spec's first line containing `needle`. */
function lineOf(needle: string): number {
  return specText.split('\n').findIndex((line) => line.includes(needle));
}

/** 0-based line of the case named `name`. */
function caseLine(name: string): number {
  return lineOf(`name: ${name}`);
}

test('discovery lists every case at its line, with tags, known gaps and the files results depend on', () => {
  const result = discoverTests({ uri: specUri, text: specText });
  assert.ok('cases' in result, JSON.stringify(result));
  assert.deepEqual(
    result.cases.map((c) => [c.name, c.position.line, c.tags, c.knownGap ?? null]),
    [
      ['AnyDesk on ws-1 alerts', caseLine('AnyDesk on ws-1 alerts'), ['tp'], null],
      ['a deliberately wrong device', caseLine('a deliberately wrong device'), ['tp'], null],
      ['notepad alone stays quiet', caseLine('notepad alone stays quiet'), ['fp'], null],
      ['renamed AnyDesk is missed', caseLine('renamed AnyDesk is missed'), ['tp'], 'the detection matches the file name only'],
      ['a known gap that now passes', caseLine('a known gap that now passes'), ['tp'], 'pretends the detection misses AnyDesk'],
    ],
  );
  assert.deepEqual(result.inputs, [specUri, pathToFileURL(resolve('test/e2e/fixtures/explorer/anydesk.kql')).href]);
});

test('discovery of an unusable spec returns its located problems', () => {
  const result = discoverTests({ uri: specUri, text: 'detection: x.kql\ncases: [\n' });
  assert.ok('problems' in result);
  assert.equal(result.problems[0].uri, specUri);
  assert.match(result.problems[0].message, /invalid YAML/);
});

test('a run reports each outcome, case by case as they finish; a row mismatch carries expected and actual rows', () => {
  const heard: string[] = [];
  const result = runSpecReports({ spec: specPath }, fileSpecHost, never, (report) => heard.push(`${report.name}: ${report.outcome}`));
  assert.equal(result.cancelled, false);
  assert.deepEqual(heard, result.cases.map((c) => `${c.name}: ${c.outcome}`), 'each case is heard of as it finishes');
  assert.deepEqual(
    result.cases.map((c) => [c.name, c.outcome]),
    [
      ['AnyDesk on ws-1 alerts', 'pass'],
      ['a deliberately wrong device', 'fail'],
      ['notepad alone stays quiet', 'pass'],
      ['renamed AnyDesk is missed', 'known-gap'],
      ['a known gap that now passes', 'now-passes'],
    ],
  );
  const failed = result.cases[1];
  assert.equal(failed.position.line, caseLine('a deliberately wrong device'));
  assert.match(failed.message, /rows differ: 1 expected not found, 1 unexpected/);
  assert.equal(failed.expectedOutput, `   DeviceName\n-  ws-9        (expected, spec line ${lineOf('{ DeviceName: ws-9 }') + 1})`);
  assert.equal(failed.actualOutput, '   DeviceName\n+  ws-1        (result row 1)');
  assert.equal(result.cases[3].knownGap, 'the detection matches the file name only');
  assert.equal(result.cases[4].message, 'now passes: remove known_gap (pretends the detection misses AnyDesk)');
});

test('a run of named cases runs only those, from the text the client sends', () => {
  const text = specText.replace('ws-9', 'ws-1');
  const result = runSpecReports({ spec: specPath, text, cases: ['a deliberately wrong device'] }, fileSpecHost, never);
  assert.deepEqual(result.cases.map((c) => [c.name, c.outcome]), [['a deliberately wrong device', 'pass']]);
});

test('cancellation stops the run', () => {
  const result = runSpecReports({ spec: specPath }, fileSpecHost, cancelledAfter(1));
  assert.equal(result.cancelled, true);
  assert.ok(result.cases.length < 5, `${result.cases.length} cases ran`);
});

test('an unreadable spec is a located problem, not an exception', () => {
  const missing = resolve('test/e2e/fixtures/explorer/missing.test.yaml');
  const result = runSpecReports({ spec: missing }, fileSpecHost, never);
  assert.deepEqual(result.cases, []);
  assert.equal(result.problems[0].uri, pathToFileURL(missing).href);
  assert.match(result.problems[0].message, /no such file/);
});

test('a spec that is not a file is reported, not thrown', () => {
  const result = discoverTests({ uri: 'untitled:Untitled-1', text: specText });
  assert.ok('problems' in result);
  assert.match(result.problems[0].message, /must be a file on disk/);
});
