// Detection tests in the real extension host's Test Explorer. The example spec and a fixture spec
// with a deliberate failure (test/e2e/fixtures/explorer) are copied into the workspace after
// activation, so both are discovered through the file watcher. (They are not in workspace/ from the
// start: a spec there would activate the extension before activation.test.ts opens a .kql file.)
// Running the example reports the seed's passes and known gaps; the fixture reports a failure with
// its row diff and a known gap that now passes. The test-only commands return the Test Explorer's
// items and what a run reported to it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, kqlDetect, serverReady, withTimeout } from './kql';

/** client/src/testing/index.ts ItemSnapshot, as far as the tests read it. */
interface Item {
  id: string;
  label: string;
  line?: number;
  description?: string;
  error?: string;
  children: Item[];
}

/** client/src/testing/run.ts ReportedResult. */
interface Reported {
  id: string;
  state: 'passed' | 'failed' | 'skipped' | 'errored';
  messages: { text: string; expectedOutput?: string; actualOutput?: string; location?: { uri: string; line: number } }[];
  output: string[];
}

/** The spec's item, once the Test Explorer has discovered it (with a case named `withCase`, if given). */
async function itemsOnceDiscovered(spec: vscode.Uri, withCase?: string): Promise<Item> {
  const items = await withTimeout(
    Promise.resolve(vscode.commands.executeCommand<Item[]>('kqlDetect.test.testItems', spec.toString(), withCase)),
    `the Test Explorer to discover ${spec.path}${withCase ? ` with the case '${withCase}'` : ''}`,
  );
  const item = items.find((candidate) => candidate.id === spec.toString());
  assert.ok(item, `no item for ${spec.toString()} among ${items.map((i) => i.id).join(', ')}`);
  return item;
}

async function run(ids: string[]): Promise<Map<string, Reported>> {
  const reported = await withTimeout(Promise.resolve(vscode.commands.executeCommand<Reported[]>('kqlDetect.test.runTests', ids)), 'the test run');
  return new Map(reported.map((result) => [result.id, result]));
}

function statesByLabel(spec: Item, results: Map<string, Reported>): Record<string, string | undefined> {
  return Object.fromEntries(spec.children.map((child) => [child.label, results.get(child.id)?.state]));
}

async function lineOf(uri: vscode.Uri, text: string): Promise<number> {
  const lines = (await vscode.workspace.openTextDocument(uri)).getText().split('\n');
  return lines.findIndex((line) => line.includes(text));
}

describe('detection tests in the Test Explorer', () => {
  const exampleSpec = () => fixtureUri('explorer/remote-desktop-software.test.yaml');
  const fixtureSpec = () => fixtureUri('testing/anydesk.test.yaml');

  before(async () => {
    await serverReady();
    const example = vscode.Uri.joinPath(kqlDetect().extensionUri, 'examples', 'rmm');
    for (const name of ['remote-desktop-software.kql', 'remote-desktop-software.test.yaml', 'events']) {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(example, name), fixtureUri(`explorer/${name}`), { overwrite: true });
    }
    // File by file: copying the folder whole reports only the folder's creation to file watchers,
    // so on a fresh workspace the spec inside it was never discovered.
    const fixture = vscode.Uri.joinPath(kqlDetect().extensionUri, 'test', 'e2e', 'fixtures', 'explorer');
    for (const [name] of await vscode.workspace.fs.readDirectory(fixture)) {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(fixture, name), fixtureUri(`testing/${name}`), { overwrite: true });
    }
  });

  it('discovers the example spec with one item per case, at its line in the YAML', async () => {
    const spec = await itemsOnceDiscovered(exampleSpec());
    assert.equal(spec.error, undefined);
    assert.equal(spec.children.length, 19);
    const first = spec.children.find((child) => child.label === 'TeamViewer started by PowerShell (Atomic T1219-1)');
    assert.ok(first, spec.children.map((c) => c.label).join('\n'));
    assert.equal(first.line, await lineOf(exampleSpec(), 'name: TeamViewer started by PowerShell'));
    const atera = spec.children.find((child) => child.label === 'Atera agent');
    assert.match(atera?.description ?? '', /^known gap/);
  });

  it('runs the example spec: the seed passes 9 cases and reports 10 known gaps as skipped with their reason', async () => {
    const spec = await itemsOnceDiscovered(exampleSpec());
    const results = await run([spec.id]);
    const states = Object.values(statesByLabel(spec, results));
    assert.equal(states.filter((state) => state === 'passed').length, 9, JSON.stringify(statesByLabel(spec, results), null, 1));
    assert.equal(states.filter((state) => state === 'skipped').length, 10);
    assert.equal(states.length, 19);
    const atera = spec.children.find((child) => child.label === 'Atera agent');
    assert.deepEqual(results.get(atera!.id)?.output, ['known gap: the seed does not cover Atera, one of the most common RMM tools in intrusions']);
  });

  it('reports a failure with the row diff and a link to the case, and a known gap that now passes as a failure', async () => {
    const spec = await itemsOnceDiscovered(fixtureSpec());
    const results = await run([spec.id]);
    assert.deepEqual(statesByLabel(spec, results), {
      'AnyDesk on ws-1 alerts': 'passed',
      'a deliberately wrong device': 'failed',
      'notepad alone stays quiet': 'passed',
      'renamed AnyDesk is missed': 'skipped',
      'a known gap that now passes': 'failed',
    });

    const wrong = spec.children.find((child) => child.label === 'a deliberately wrong device')!;
    const [message] = results.get(wrong.id)!.messages;
    assert.match(message.text, /rows differ: 1 expected not found, 1 unexpected/);
    assert.match(message.text, /-\s+ws-9\s+\(expected, spec line \d+\)/);
    assert.match(message.text, /\+\s+ws-1\s+\(result row 1\)/);
    assert.match(message.expectedOutput ?? '', /ws-9/);
    assert.match(message.actualOutput ?? '', /ws-1/);
    assert.deepEqual(message.location, { uri: fixtureSpec().toString(), line: await lineOf(fixtureSpec(), 'name: a deliberately wrong device') });

    const nowPasses = spec.children.find((child) => child.label === 'a known gap that now passes')!;
    assert.equal(results.get(nowPasses.id)!.messages[0].text, 'now passes: remove known_gap (pretends the detection misses AnyDesk)');
  });

  it('runs a single case', async () => {
    const spec = await itemsOnceDiscovered(fixtureSpec());
    const wrong = spec.children.find((child) => child.label === 'a deliberately wrong device')!;
    const results = await run([wrong.id]);
    assert.deepEqual([...results.keys()], [wrong.id]);
    assert.equal(results.get(wrong.id)?.state, 'failed');
  });

  it('offers Run on each case of the spec in a CodeLens', async () => {
    const spec = await itemsOnceDiscovered(fixtureSpec());
    const lenses = await withTimeout(Promise.resolve(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixtureSpec())), 'the CodeLens');
    const runs = lenses.filter((lens) => lens.command?.command === 'kqlDetect.tests.run');
    assert.deepEqual(
      runs.map((lens) => [lens.range.start.line, lens.command?.arguments?.[0]]),
      [[0, spec.id], ...spec.children.map((child) => [child.line, child.id])],
    );
  });

  it('marks the results outdated when the detection changes on disk or in the editor', async () => {
    const spec = fixtureSpec();
    await run([spec.toString()]);
    const detection = fixtureUri('testing/anydesk.kql');
    const onDisk = vscode.commands.executeCommand('kqlDetect.test.nextInvalidation', spec.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(detection));
    await vscode.workspace.fs.writeFile(detection, new TextEncoder().encode(`${text}// changed on disk\n`));
    await withTimeout(Promise.resolve(onDisk), 'the results to be outdated after the detection changed on disk');

    await run([spec.toString()]);
    const document = await vscode.workspace.openTextDocument(detection);
    const inEditor = vscode.commands.executeCommand('kqlDetect.test.nextInvalidation', spec.toString());
    const edit = new vscode.WorkspaceEdit();
    edit.insert(detection, new vscode.Position(0, 0), '// edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await withTimeout(Promise.resolve(inEditor), 'the results to be outdated after the detection was edited');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('rediscovers a spec when it changes on disk', async () => {
    const uri = fixtureSpec();
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${text}\n  - name: added while the editor runs\n    expect: { count: 1 }\n`));
    const spec = await itemsOnceDiscovered(uri, 'added while the editor runs');
    assert.equal(spec.children.length, 6);
  });
});
