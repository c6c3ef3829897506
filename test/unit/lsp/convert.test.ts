import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic, toRange, toSpan } from '../../../server/src/lsp/convert';

const document = TextDocument.create('file:///a.kql', 'kql', 1, 'T\r\n| where X == "é"\n| take 1');

test('offsets and positions convert both ways, across CRLF and LF', () => {
  const start = document.getText().indexOf('X');
  const range = toRange(document, { start, end: start + 1 });
  assert.deepEqual(range, { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } });
  assert.deepEqual(toSpan(document, range), { start, end: start + 1 });
  assert.deepEqual(toRange(document, { start: document.getText().length, end: document.getText().length }).start, { line: 2, character: 8 });
});

test('a Kusto finding keeps its code and source, without a documentation link', () => {
  const diagnostic = toDiagnostic(document, { start: 11, end: 12, severity: 'error', message: 'unknown', code: 'KS142', source: 'kusto' }, 'file:///ext/');
  assert.deepEqual(diagnostic, { range: toRange(document, { start: 11, end: 12 }), severity: 1, message: 'unknown', code: 'KS142', source: 'kusto' });
});

test('a rule finding links to its documentation and carries its fix data', () => {
  const diagnostic = toDiagnostic(
    document,
    { start: 0, end: 1, severity: 'warning', message: 'm', code: 'some-rule', source: 'kql-detect', docs: 'docs/rules/some-rule.md', data: { binary: 'x.exe' } },
    'file:///ext/',
  );
  assert.equal(diagnostic.severity, 2);
  assert.equal(diagnostic.codeDescription?.href, 'file:///ext/docs/rules/some-rule.md');
  assert.deepEqual(diagnostic.data, { binary: 'x.exe' });
});
