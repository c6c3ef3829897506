// The language server's side of the Test Explorer: discovery locates cases in the spec text (0-based,
// as the editor counts), a run reports each outcome with the diff the Test Explorer shows, and a
// cancelled token stops the run between cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver';
import { discoverTests, runTests } from '../../../server/src/lsp/testing';
import { fileSpecHost } from '../../../server/src/testing/index';

const specPath = resolve('test/e2e/fixtures/explorer/anydesk.test.yaml');
const specUri = pathToFileURL(specPath).href;
const specText = readFileSync(specPath, 'utf8');

function token(cancelAfterChecks = Infinity): CancellationToken {
  let checks = 0;
  return {
    get isCancellationRequested() {
      return ++checks > cancelAfterChecks;
    },
    onCancellationRequested: () => ({ dispose: () => undefined }),
  };
}

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

test('a run reports each outcome; a row mismatch carries expected and actual rows', async () => {
  const result = await runTests({ uri: specUri }, fileSpecHost, token());
  assert.equal(result.cancelled, false);
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

test('a run of named cases runs only those, from the text the client sends', async () => {
  const text = specText.replace('ws-9', 'ws-1');
  const result = await runTests({ uri: specUri, text, cases: ['a deliberately wrong device'] }, fileSpecHost, token());
  assert.deepEqual(result.cases.map((c) => [c.name, c.outcome]), [['a deliberately wrong device', 'pass']]);
});

test('cancellation stops the run between cases', async () => {
  // The first check (before the first case) passes; the first case's own checks cancel the rest.
  const result = await runTests({ uri: specUri }, fileSpecHost, token(1));
  assert.equal(result.cancelled, true);
  assert.ok(result.cases.length < 5, `${result.cases.length} cases ran`);
});

test('a spec that is not a file is reported, not thrown', async () => {
  const result = await runTests({ uri: 'untitled:Untitled-1', text: specText }, fileSpecHost, token());
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /must be a file on disk/);
});
