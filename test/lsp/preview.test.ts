// The preview over LSP: the `kqlDetect/preview` request, the CodeLens counts, and evaluation off
// the main loop (other requests answer while a run is in flight; a newer edit cancels it).
// Build first: `npm run test:lsp` does.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeLens, CompletionList } from 'vscode-languageserver';
import type { PreviewResult } from '../../server/src/protocol/preview';
import { REPO_ROOT, TestClient } from './client';

const SEED_PATH = join(REPO_ROOT, 'examples', 'rmm', 'remote-desktop-software.kql');
const SEED_URI = pathToFileURL(SEED_PATH).href;
const SEED = readFileSync(SEED_PATH, 'utf8');

let client: TestClient;

before(async () => {
  client = await TestClient.start();
});

after(async () => {
  await client.stop();
});

function preview(uri: string, params: object = {}): Promise<PreviewResult> {
  return client.request<PreviewResult>('kqlDetect/preview', { textDocument: { uri }, ...params });
}

test('the seed previewed on its example events', async () => {
  client.open(SEED_URI, SEED);
  const result = await preview(SEED_URI);
  assert.ok('model' in result, JSON.stringify(result));
  const { model } = result;
  assert.equal(model.detection, SEED_PATH);
  assert.equal(model.events.origin, 'spec');
  assert.deepEqual(model.totals, { scanned: 29, matched: 9, dropped: 20 });
  assert.equal(model.category?.column, 'ToolFamily');
  assert.equal(model.rows.length, 9);
  assert.equal(model.now.iso, '2026-11-20T12:00:00.0000000Z');
});

test('the CodeLens counts matches and events, and follows the edits', async () => {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: SEED_URI } });
  assert.deepEqual(
    lenses.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command, lens.command?.arguments]),
    [[0, '▶ Preview — 9 matches in 29 events', 'kqlDetect.preview', [SEED_URI, 0]]],
  );
  // Two callers at once (VS Code and an extension) both get their counts: only an edit cancels.
  const both = await Promise.all([0, 1].map(() => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: SEED_URI } })));
  assert.deepEqual(both.map((l) => l[0]?.command?.title), ['▶ Preview — 9 matches in 29 events', '▶ Preview — 9 matches in 29 events']);
  client.change(SEED_URI, SEED.replace('| where FileName has_any (RMMTools)', '| where FileName has_any (RMMTools) and FileName != "AnyDesk.exe"'));
  const edited = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: SEED_URI } });
  assert.equal(edited[0].command?.title, '▶ Preview — 7 matches in 29 events');
  client.change(SEED_URI, SEED);
});

test('the user can pin now and choose the events', async () => {
  const pinned = await preview(SEED_URI, { now: '2026-11-21T12:00:00Z', events: [join(REPO_ROOT, 'examples', 'rmm', 'events', 'atomic-t1219.jsonl')] });
  assert.ok('model' in pinned);
  assert.deepEqual(pinned.model.now, { iso: '2026-11-21T12:00:00.0000000Z', origin: 'chosen' });
  assert.equal(pinned.model.events.origin, 'chosen');
  assert.equal(pinned.model.totals.scanned, 5);
  assert.deepEqual(await preview(SEED_URI, { now: 'tomorrow' }), { error: "now must be an ISO 8601 datetime such as 2024-05-01T12:00:00Z, not 'tomorrow'" });
});

test('a long run stays off the main loop, and a newer edit cancels it', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kql-detect-preview-'));
  const lines: string[] = [];
  for (let i = 0; i < 300_000; i++) {
    lines.push(JSON.stringify({ Timestamp: '2026-01-01T00:00:00Z', DeviceName: `ws-${i % 500}`, FileName: i % 1000 === 0 ? 'anydesk.exe' : 'notepad.exe', FolderPath: `C:\\Users\\u${i}\\Downloads` }));
  }
  writeFileSync(join(folder, 'big.events.jsonl'), lines.join('\n'));
  const uri = pathToFileURL(join(folder, 'big.kql')).href;
  const text = 'DeviceProcessEvents\n| where FileName has "anydesk"\n| extend Family = case(FolderPath has "Downloads", "Downloaded", "Other")';
  client.open(uri, text);

  const order: string[] = [];
  const running = preview(uri).then((result) => {
    order.push('preview');
    return result;
  });
  const completion = client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 8 } }).then((list) => {
    order.push('completion');
    return list;
  });
  assert.ok((await completion).items.length > 0);
  client.change(uri, text + '\n| take 10');
  assert.deepEqual(await running, { cancelled: true });
  assert.deepEqual(order, ['completion', 'preview']);

  const rerun = await preview(uri);
  assert.ok('model' in rerun);
  assert.equal(rerun.model.totals.scanned, 300_000);
  assert.equal(rerun.model.totals.matched, 10);
  assert.deepEqual(rerun.model.category?.counts, [{ value: 'Downloaded', count: 10 }]);
});
