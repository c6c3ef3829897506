// The seed detection (examples/rmm/remote-desktop-software.kql) and the problems issue 4 lists.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lintDocument, type Finding } from '../../../server/src/rules/lint';
import { applyFix, environment } from './ruleTester';

const seedPath = 'examples/rmm/remote-desktop-software.kql';
const seed = readFileSync(seedPath, 'utf8');
const findings = lintDocument(seed, environment).findings;

function of(code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

function spans(code: string): string[] {
  return of(code).map((f) => JSON.parse(seed.slice(f.start, f.end)) as string);
}

test('the seed parses cleanly', () => {
  assert.deepEqual(findings.filter((f) => f.source === 'kusto'), []);
});

test('11 of its 32 binaries fall through case() to "Other" (evaluated by the engine)', () => {
  assert.deepEqual(spans('classifier-fallthrough'), [
    'screenconnectclient.exe', 'connectwisecontrol.client.exe', 'logmeinrescue.exe', 'logmeinrescueworkstation.exe', 'ammyyadmin.exe',
    'vncviewer.exe', 'vncserver.exe', 'splashtopremote.exe', 'supremoservice.exe', 'netsupportmanager.exe', 'zoommtg.exe',
  ]);
});

test('covered families miss binaries the catalog knows', () => {
  const messages = of('rmm-missing-binary').map((f) => f.message);
  assert.equal(messages.length, 11);
  for (const [family, binary] of [['TeamViewer', 'teamviewer_desktop.exe'], ['ScreenConnect', 'screenconnect.clientservice.exe'], ['Splashtop', 'srserver.exe'], ['TightVNC', 'tvnviewer.exe']]) {
    assert.ok(messages.some((m) => m.startsWith(`${family}:`) && m.includes(binary)), `${family} lacks ${binary}`);
  }
});

test('the most common RMM families are not covered: one summary', () => {
  const [uncovered, ...more] = of('rmm-uncovered-family');
  assert.equal(more.length, 0);
  assert.equal(seed.slice(uncovered.start, uncovered.end), 'RMMTools');
  assert.equal(uncovered.message, '188 in-scope RMM families are not covered by this detection. Most common: Atera, NinjaOne, Kaseya (VSA), MeshCentral, SimpleHelp.');
});

test('entries that are not real binary names', () => {
  const unknown = of('rmm-unknown-binary');
  assert.deepEqual(spans('rmm-unknown-binary'), [
    'anydesk_service.exe', 'logmeinrescue.exe', 'logmeinrescueworkstation.exe', 'ammyyadmin.exe', 'vnc.exe', 'uvnc_service.exe', 'splashtop.exe',
    'splashtopremote.exe', 'splashtop_streamer.exe', 'netsupportmanager.exe', 'chrome_remote_desktop.exe', 'zoommtg.exe',
  ]);
  assert.match(unknown.find((f) => seed.slice(f.start, f.end) === '"ammyyadmin.exe"')!.message, /Did you mean 'ammyy_admin.exe'/);
  assert.match(unknown.find((f) => seed.slice(f.start, f.end) === '"chrome_remote_desktop.exe"')!.message, /remoting_host\.exe/);
});

test('the filter matches whole names while case() matches stems', () => {
  const [mismatch, ...more] = of('filter-classifier-mismatch');
  assert.equal(more.length, 0);
  assert.equal(seed.slice(mismatch.start, mismatch.end), 'FileName has_any (RMMTools)');
});

test('stems that are not whole terms', () => {
  assert.deepEqual(spans('term-match-pitfall'), ['teamviewer', 'screenconnect', 'connectwise', 'logmein', 'ammyy', 'vnc', 'winvnc', 'splashtop', 'supremo', 'netsupport']);
});

test('the suspicious-parent list is not taken for an RMM list', () => {
  const parents = seed.indexOf('SuspiciousParents = dynamic');
  const parentsEnd = seed.indexOf(']);', parents);
  assert.deepEqual(findings.filter((f) => f.source === 'kql-detect' && f.start >= parents && f.end <= parentsEnd), []);
});

test('the fall-through quick fix labels the entry, and the warning goes away', () => {
  const finding = of('classifier-fallthrough').find((f) => seed.slice(f.start, f.end) === '"vncviewer.exe"')!;
  const fixed = applyFix(seed, finding);
  assert.ok(fixed.includes('FileName has_any ("vnc", "tvnserver", "winvnc", "uvnc", "vncviewer.exe"), "VNC"'));
  const after = lintDocument(fixed, environment).findings.filter((f) => f.code === 'classifier-fallthrough').map((f) => fixed.slice(f.start, f.end));
  assert.equal(after.length, 10);
  assert.ok(!after.includes('"vncviewer.exe"'));
});

test('while a column is misspelt, Kusto reports it and every rule finding stays', () => {
  // Misspelt in the filter the lists are compared in, and outside the classifier.
  const typing = seed.replace('| where FileName has_any (RMMTools)', '| where FileNme has_any (RMMTools)').replace('InitiatingProcessFileName has_any (SuspiciousParents)', 'InitiatingProcesFileName has_any (SuspiciousParents)');
  const during = lintDocument(typing, environment).findings;
  assert.deepEqual(
    during.filter((f) => f.source === 'kusto').map((f) => [f.code, typing.slice(f.start, f.end)]),
    [
      ['KS142', 'FileNme'],
      ['KS142', 'InitiatingProcesFileName'],
    ],
  );
  const rules = (list: Finding[], text: string) => list.filter((f) => f.source === 'kql-detect').map((f) => `${f.code} ${text.slice(f.start, f.end)}`);
  // Compared by what they cover: the edits move the offsets, and one finding covers the misspelt filter.
  assert.deepEqual(
    rules(during, typing).map((f) => f.replace('FileNme', 'FileName')),
    rules(findings, seed),
  );
});
