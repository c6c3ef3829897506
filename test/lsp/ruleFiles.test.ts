// Rule files in the language server: diagnostics at exact positions inside a YAML rule's query
// and on its metadata fields, quick fixes written back with the block's indentation, hover,
// completion and formatting inside the query, an ARM template's query, and silence on other YAML.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './client';
import { mark, positionOf, rangeOf } from './fixture';

let client: TestClient;
let count = 0;

before(async () => {
  client = await TestClient.start({ settings: () => ({}) });
});

after(async () => {
  await client.stop();
});

function open(text: string, name = 'rule.yaml'): string {
  const uri = `file:///work/rules/${++count}-${name}`;
  client.open(uri, text);
  return uri;
}

const FIELDS = [
  'id: 0b6f9f1e-4a3b-4c7e-9d2a-1f2e3d4c5b6a',
  'name: Remote desktop tools',
  'description: Remote desktop tools started on a device.',
  'severity: Medium',
  'kind: Scheduled',
  'requiredDataConnectors: []',
  'queryFrequency: 1h',
  'queryPeriod: 1h',
  'triggerOperator: gt',
  'triggerThreshold: 0',
  'tactics:',
  '  - CommandAndControl',
].join('\n');

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
}

test('a misspelt column inside a YAML block gives KS142 on the name, at its YAML line and column', async () => {
  const { text, spans } = mark(`${FIELDS}\nquery: |\n  SecurityEvent\n\n  | where «AcountType» == "User"\n`);
  const uri = open(text);
  const diagnostics = await client.diagnosticsFor(uri);
  const unknown = diagnostics.filter((d) => d.code === 'KS142');
  assert.deepEqual(unknown.map((d) => d.range), [rangeOf(text, spans[0]!)]);
});

test('a wrong metadata value is an analytic-rule error on its own line', async () => {
  const { text, spans } = mark(`${FIELDS.replace('severity: Medium', 'severity: «Urgent»')}\nquery: |\n  SecurityEvent\n`);
  const uri = open(text);
  const metadata = (await client.diagnosticsFor(uri)).filter((d) => d.source === 'analytic-rule');
  assert.deepEqual(
    metadata.map((d) => [d.range, d.code]),
    [[rangeOf(text, spans[0]!), 'rule-metadata']],
  );
});

test("a rule's quick fix is written back into the YAML block with its indentation", async () => {
  const text = `${FIELDS}\nquery: |\n  DeviceProcessEvents\n  | where FileName in~ ("anydesk.exe",\n      "AnyDesk.exe")\n  | project Timestamp\nversion: 1.0.0\n`;
  const uri = open(text);
  const duplicate = (await client.diagnosticsFor(uri)).find((d: Diagnostic) => d.code === 'duplicate-list-entry');
  assert.ok(duplicate, 'the duplicate is found inside the query');
  assert.equal(text.slice(...offsets(text, duplicate.range)), '"AnyDesk.exe"');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: duplicate.range, context: { diagnostics: [duplicate] } });
  assert.ok(actions.length > 0);
  const fixed = apply(text, actions[0]!.edit!.changes![uri]!);
  assert.ok(fixed.includes('  | where FileName in~ ("anydesk.exe")\n  | project Timestamp\nversion: 1.0.0\n'), fixed);
  client.change(uri, fixed);
  assert.ok(!(await client.diagnosticsFor(uri)).some((d) => d.code === 'duplicate-list-entry'));
});

test('hover and completion work inside the query, at YAML positions', async () => {
  const { text, caret } = mark(`${FIELDS}\nquery: |-\n  SecurityEvent\n  | where Acc$0ount == "x"\n`);
  const uri = open(text);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, caret!) });
  assert.ok(hover?.range, 'hover has a range');
  assert.equal(text.slice(...offsets(text, hover.range)), 'Account');
  const completion = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, caret!) });
  assert.ok(completion && completion.items.some((i) => i.label === 'AccountType'), 'columns of SecurityEvent are offered');
  const outside = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
  assert.equal(outside, null);
});

test('formatting edits only the query block and keeps its indentation', async () => {
  const text = `${FIELDS}\nquery: |\n  SecurityEvent|where EventID==4625|take 10\nversion: 1.0.0\n`;
  const uri = open(text);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  const formatted = apply(text, edits);
  assert.ok(formatted.startsWith(`${FIELDS}\nquery: |\n  SecurityEvent\n  `), formatted);
  assert.ok(formatted.endsWith('\nversion: 1.0.0\n'));
  const queryStart = text.indexOf('  SecurityEvent');
  for (const edit of edits) assert.ok(offsets(text, edit.range)[0] >= queryStart, 'no edit before the query');
});

test("an ARM template's query: KS142 at the JSON string's position", async () => {
  const { text, spans } = mark(
    '{"resources": [{"type": "Microsoft.OperationalInsights/workspaces/providers/alertRules", "kind": "Scheduled",\n  "properties": {"query": "SecurityEvent\\n| where «AcountType» == \\"User\\""}}]}',
  );
  const uri = open(text, 'template.json');
  const unknown = (await client.diagnosticsFor(uri)).filter((d) => d.code === 'KS142');
  assert.deepEqual(unknown.map((d) => d.range), [rangeOf(text, spans[0]!)]);
});

test('YAML and JSON that hold no detection get no diagnostics and no KQL features', async () => {
  const uri = open('name: build\non:\n  push:\nquery: not a rule\n', 'workflow.yaml');
  assert.deepEqual(await client.diagnosticsFor(uri), []);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 9 } });
  assert.equal(hover, null);
  const json = open('{"name": "x", "version": "1.0.0"}', 'package.json');
  assert.deepEqual(await client.diagnosticsFor(json), []);
});

function offsets(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): [number, number] {
  const document = TextDocument.create('file:///x', 'yaml', 1, text);
  return [document.offsetAt(range.start), document.offsetAt(range.end)];
}
