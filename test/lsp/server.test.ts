// The bundled language server (dist/server.js), spawned over stdio and spoken to in LSP.
// Build first: `npm run test:lsp` does.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, MarkupContent, SemanticTokens, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT, TestClient } from './client';
import { mark, positionOf, rangeOf } from './fixture';

const SEED = readFileSync(join(REPO_ROOT, 'examples', 'rmm', 'remote-desktop-software.kql'), 'utf8');
const customSchemaDir = mkdtempSync(join(tmpdir(), 'kql-detect-lsp-'));
const customSchemaFile = join(customSchemaDir, 'custom-tables.json');
writeFileSync(customSchemaFile, JSON.stringify([{ Name: 'MyLogs_CL', Properties: [{ Name: 'Computer', Type: 'String' }, { Name: 'EventCount', Type: 'Int' }] }]));

/**
 * Settings by document: URIs containing `/sentinel/` use the Sentinel schema, `/custom/` add the
 * custom table file; everything else gets the defaults. `overrides` lets a test change them live.
 */
const overrides = new Map<string, unknown>();
function settingsFor(scopeUri: string | undefined): unknown {
  if (scopeUri && overrides.has(scopeUri)) return overrides.get(scopeUri);
  if (scopeUri?.includes('/sentinel/')) return { schema: 'sentinel' };
  if (scopeUri?.includes('/custom/')) return { customSchemaFiles: [customSchemaFile] };
  if (scopeUri?.includes('/quiet/')) return { rules: { 'classifier-fallthrough': 'off' } };
  return {};
}

let client: TestClient;
let documentCount = 0;

before(async () => {
  client = await TestClient.start({ settings: settingsFor });
});

after(async () => {
  await client.stop();
});

/** Opens `text` as a fresh document (folder chooses its settings) and returns its URI. */
function open(text: string, folder = 'defender'): string {
  const uri = `file:///work/${folder}/query-${++documentCount}.kql`;
  client.open(uri, text);
  return uri;
}

async function errorsOf(uri: string) {
  return (await client.diagnosticsFor(uri)).filter((d) => d.severity === 1);
}

/** Opens the marked text and sends `method` at its caret. */
async function at<R>(method: string, source: string, extra: object = {}): Promise<{ text: string; uri: string; result: R }> {
  const { text, caret } = mark(source);
  assert.ok(caret !== undefined, 'the fixture needs a $0 caret');
  const uri = open(text);
  const result = await client.request<R>(method, { textDocument: { uri }, position: positionOf(text, caret), ...extra });
  return { text, uri, result };
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.kql', 'kql', 1, text), edits);
}

describe('diagnostics', () => {
  /** Each marked span must carry exactly one error, and there must be no other. */
  async function check(source: string, folder = 'defender') {
    const { text, spans } = mark(source);
    const errors = await errorsOf(open(text, folder));
    assert.deepEqual(
      errors.map((e) => e.range),
      spans.map((span) => rangeOf(text, span)),
      JSON.stringify(errors.map((e) => e.message)),
    );
    return errors;
  }

  test('the seed detection has no errors with the default schema', async () => {
    await check(SEED);
  });

  test('a misspelt column gives exactly one error, on the name', async () => {
    const [error] = await check('DeviceProcessEvents\n| where «FileNme» has_any ("anydesk.exe")\n');
    assert.equal(error.code, 'KS142');
    assert.equal(error.source, 'kusto');
  });

  test('each block is analysed on its own', async () => {
    await check('DeviceProcessEvents | where «Bogus» == 1\n\nDeviceProcessEvents | take 10\n');
  });

  test('diagnostics follow edits, for the latest version only', async () => {
    const uri = open('DeviceProcessEvents | take 1');
    assert.deepEqual(await errorsOf(uri), []);
    client.change(uri, 'DeviceProcessEvents | where X');
    client.change(uri, 'DeviceProcessEvents | where Y');
    const version = client.change(uri, 'DeviceProcessEvents | where FileNam == "a"');
    const errors = await errorsOf(uri);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /FileNam/);
    assert.equal(version, 4);
  });
});

describe('settings', () => {
  test('are pulled per document with workspace/configuration', async () => {
    const uri = open('DeviceProcessEvents | take 1');
    await client.diagnosticsFor(uri);
    assert.ok(client.configurationRequests.includes(uri));
  });

  test('the schema setting chooses the tables', async () => {
    const query = 'SecurityEvent | where TimeGenerated > ago(1h)';
    assert.deepEqual(await errorsOf(open(query, 'sentinel')), []);
    const errors = await errorsOf(open(query, 'defender'));
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /SecurityEvent/);
  });

  test('custom schema files add tables', async () => {
    assert.deepEqual(await errorsOf(open('MyLogs_CL | where Computer has "dc01" and EventCount > 2', 'custom')), []);
    const errors = await errorsOf(open('MyLogs_CL | where Computr has "dc01"', 'custom'));
    assert.equal(errors.length, 1);
  });

  test('a changed custom schema file is read again', async () => {
    const uri = open('MyLogs_CL | where Severity == "high"', 'custom');
    assert.equal((await errorsOf(uri)).length, 1);
    writeFileSync(customSchemaFile, JSON.stringify({ Name: 'MyLogs_CL', Properties: [{ Name: 'Severity', Type: 'string' }] }));
    const next = client.nextDiagnostics(uri);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(customSchemaFile).href, type: 2 }] });
    assert.deepEqual((await next).filter((d) => d.severity === 1), []);
  });

  test('a configuration change re-pulls settings and re-checks open documents', async () => {
    const uri = open('SecurityEvent | where TimeGenerated > ago(1h)', 'switching');
    assert.equal((await errorsOf(uri)).length, 1);
    overrides.set(uri, { schema: 'sentinel' });
    const next = client.nextDiagnostics(uri);
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await next).filter((d) => d.severity === 1), []);
  });
});

describe('detection rules', () => {
  const isFallthrough = (d: Diagnostic) => d.code === 'classifier-fallthrough';

  test('rule findings come with their documentation page and fix data', async () => {
    const findings = (await client.diagnosticsFor(open(SEED))).filter(isFallthrough);
    assert.ok(findings.length > 0);
    for (const finding of findings) {
      assert.equal(finding.source, 'kql-detect');
      assert.ok(finding.data !== undefined);
      const href = finding.codeDescription?.href ?? '';
      assert.ok(href.endsWith('/docs/rules/classifier-fallthrough.md'), href);
      assert.ok(existsSync(fileURLToPath(href)), `${href} exists`);
    }
  });

  test('kqlDetect.rules turns a rule off', async () => {
    assert.deepEqual((await client.diagnosticsFor(open(SEED, 'quiet'))).filter(isFallthrough), []);
  });

  test('a quick fix, applied, removes its finding', async () => {
    const uri = open(SEED);
    const before = (await client.diagnosticsFor(uri)).filter(isFallthrough);
    const target = before[0];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target] },
    });
    assert.ok(actions.length > 0);
    const fixed = apply(SEED, actions[0].edit?.changes?.[uri] ?? []);
    assert.notEqual(fixed, SEED);
    client.change(uri, fixed);
    const after = (await client.diagnosticsFor(uri)).filter(isFallthrough);
    assert.equal(after.length, before.length - 1);
    assert.ok(!after.some((d) => JSON.stringify(d.data) === JSON.stringify(target.data)));
  });
});

describe('completion', () => {
  async function labels(source: string) {
    const { result } = await at<CompletionList>('textDocument/completion', source);
    return result.items;
  }

  test('columns after `where`', async () => {
    const items = await labels('DeviceProcessEvents | where $0');
    const fileName = items.find((i) => i.label === 'FileName');
    assert.ok(fileName);
    assert.equal(fileName.kind, 5 /* Field */);
  });

  test('tables, `let` names and functions with documentation', async () => {
    const items = await labels('let RMMTools = dynamic(["a"]);\nDeviceProcessEvents | where FileName has_any ($0)');
    assert.ok(items.some((i) => i.label === 'RMMTools'));
    const tables = await labels('$0');
    assert.ok(tables.some((i) => i.label === 'DeviceProcessEvents' && i.kind === 7 /* Class */));
    const ago = (await labels('DeviceProcessEvents | where Timestamp > $0')).find((i) => i.label.startsWith('ago('));
    assert.ok(ago);
    assert.match((ago.documentation as MarkupContent).value, /current UTC time/);
    assert.equal(ago.textEdit && 'newText' in ago.textEdit ? ago.textEdit.newText : undefined, 'ago($0)');
  });

  test('string operators with documentation', async () => {
    const items = await labels('DeviceProcessEvents | where FileName $0');
    const hasAny = items.find((i) => i.label === 'has_any');
    assert.ok(hasAny);
    assert.match((hasAny.documentation as MarkupContent).value, /any/);
  });

  test('in the second block of a file', async () => {
    const items = await labels('DeviceProcessEvents | take 1\n\nDeviceNetworkEvents | where $0');
    assert.ok(items.some((i) => i.label === 'RemoteUrl'));
  });
});

describe('hover', () => {
  async function check(source: string, expected: RegExp) {
    const { text, result } = await at<Hover | null>('textDocument/hover', source);
    assert.ok(result, 'a hover');
    assert.match((result.contents as MarkupContent).value, expected);
    return { text, result };
  }

  test('has_any has documentation', async () => {
    const { text, result } = await check('DeviceProcessEvents | where FileName has_$0any ("anydesk.exe")', /\*\*any\*\* of the listed values/);
    assert.deepEqual(result.range, rangeOf(text, { start: text.indexOf('has_any'), end: text.indexOf('has_any') + 7 }));
  });

  test('a column shows its type', async () => {
    await check('DeviceProcessEvents | where File$0Name == "a"', /FileName: string/);
  });
});

describe('formatting', () => {
  test('returns edits that format the query', async () => {
    const text = 'DeviceProcessEvents|where FileName=="a"|take 1\n';
    const uri = open(text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    assert.ok(edits.length > 0);
    assert.equal(apply(text, edits), 'DeviceProcessEvents\n| where FileName == "a"\n| take 1\n');
  });

  test('range formatting touches only the blocks in the range', async () => {
    const text = 'T|take 1\n\nDeviceProcessEvents|take 1\n';
    const uri = open(text);
    const range = rangeOf(text, { start: text.indexOf('Device'), end: text.length });
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range, options: { tabSize: 4, insertSpaces: true } });
    assert.equal(apply(text, edits), 'T|take 1\n\nDeviceProcessEvents\n| take 1\n');
  });

  test('a formatted document needs no edits', async () => {
    const uri = open('DeviceProcessEvents\n| take 1\n');
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }), []);
  });
});

describe('names', () => {
  test('renaming RMMTools changes both occurrences', async () => {
    const caret = SEED.indexOf('RMMTools') + 3;
    const uri = open(SEED);
    const position = positionOf(SEED, caret);
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.deepEqual(prepared, rangeOf(SEED, { start: SEED.indexOf('RMMTools'), end: SEED.indexOf('RMMTools') + 8 }));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'RemoteTools' });
    const edits = edit.changes?.[uri] ?? [];
    assert.equal(edits.length, 2);
    const renamed = apply(SEED, edits);
    assert.equal(renamed.match(/RemoteTools/g)?.length, 2);
    assert.ok(!renamed.includes('RMMTools'));
  });

  test('definition and references of a let name', async () => {
    const { text, uri, result } = await at<Location>('textDocument/definition', 'let «limit» = 10;\nDeviceProcessEvents | take lim$0it');
    const [declaration] = mark('let «limit» = 10;\nDeviceProcessEvents | take limit').spans;
    assert.deepEqual(result, { uri, range: rangeOf(text, declaration) });
    const references = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(text, text.indexOf('limit') + 1),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      references.map((r) => r.range),
      [rangeOf(text, declaration), rangeOf(text, { start: text.lastIndexOf('limit'), end: text.length })],
    );
  });

  test('columns of the schema cannot be renamed', async () => {
    const { result } = await at('textDocument/prepareRename', 'DeviceProcessEvents | where File$0Name == "a"');
    assert.equal(result, null);
  });
});

describe('structure', () => {
  test('document symbols list let statements and queries', async () => {
    const uri = open(SEED);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['RMMTools', 'let'],
        ['SuspiciousParents', 'let'],
        ['DeviceProcessEvents', 'query'],
      ],
    );
  });

  test('folding covers blocks, multi-line lets and bracketed regions', async () => {
    const uri = open(SEED);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = SEED.split('\n');
    const startOf = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix));
    const starts = ranges.map((r) => r.startLine);
    assert.ok(starts.includes(0), 'the block');
    assert.ok(starts.includes(startOf('let SuspiciousParents')), 'the second let');
    assert.ok(starts.includes(startOf('| extend ToolFamily = case(')), 'the case( … ) call');
  });

  /** The text of each semantic token of `text`, with its type name. */
  async function semanticTokensOf(text: string): Promise<string[]> {
    const uri = open(text);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend.tokenTypes;
    const lines = text.split(/\r?\n/);
    const decoded: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      decoded.push(`${lines[line].slice(character, character + length)}:${legend[type]}`);
    }
    return decoded;
  }

  test('semantic tokens classify the text', async () => {
    assert.deepEqual(await semanticTokensOf('DeviceProcessEvents | where FileName has "x"'), [
      'DeviceProcessEvents:class',
      'where:keyword',
      'FileName:property',
      'has:operator',
      '"x":string',
    ]);
  });

  test('a multi-line string gives one token per line, without the line ends', async () => {
    assert.deepEqual(await semanticTokensOf('print s = ```one\r\ntwo```'), ['print:keyword', 's:property', '```one:string', 'two```:string']);
  });
});
