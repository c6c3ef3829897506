// Rewriting a rule file's queries in place: each query's new text is written in its own string
// style and indentation, the rest of the file stays byte for byte, and styles that cannot hold
// line breaks are left as they are with a note.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRuleFile } from '../../../server/src/sources/ruleFile';
import { rewriteRuleFileQueries } from '../../../server/src/sources/rewriteQueries';

const FIELDS = 'id: 0b6f9f1e-4a3b-4c7e-9d2a-1f2e3d4c5b6a\nname: Failed logons\nseverity: Low\nqueryPeriod: 1h\n';
/** One pipe per line, as the formatter writes it. */
const onePipePerLine = (query: string) => query.replace(/ \| /g, '\n| ');

function rewritten(fileName: string, text: string): { text: string; skipped: string[] } {
  const result = rewriteRuleFileQueries(fileName, text, onePipePerLine);
  assert.ok(result, 'a rule file');
  return { text: result.text, skipped: result.skipped.map((s) => `${s.start}: ${s.message}`) };
}

for (const eol of ['\n', '\r\n']) {
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  for (const header of ['|', '|-', '|+', '|2']) {
    test(`a literal block ${header} keeps its header, indentation and what follows (${tag})`, () => {
      const text = `${FIELDS}query: ${header}\n  SecurityEvent | where EventID == 4625\n\n  | take 1\n${header === '|+' ? '\n' : ''}version: 1.0.0\n`.replace(/\n/g, eol);
      const expected = `${FIELDS}query: ${header}\n  SecurityEvent\n  | where EventID == 4625\n\n  | take 1\n${header === '|+' ? '\n' : ''}version: 1.0.0\n`.replace(/\n/g, eol);
      assert.deepEqual(rewritten('rule.yaml', text), { text: expected, skipped: [] });
    });
  }
}

test('a nested literal block is indented as deep as it was', () => {
  const text = `${FIELDS}query: |\n      T | take 1\nrest: x\n`;
  assert.equal(rewritten('rule.yaml', text).text, `${FIELDS}query: |\n      T\n      | take 1\nrest: x\n`);
});

test('a double-quoted query gets escaped line breaks', () => {
  assert.equal(rewritten('rule.yaml', `${FIELDS}query: "T | where A == \\"x\\""\n`).text, `${FIELDS}query: "T\\n| where A == \\"x\\""\n`);
});

test('folded, plain and single-quoted queries cannot hold line breaks: left as they are, with a note', () => {
  for (const value of ['>\n  T | take 1\n', 'T | take 1\n', "'T | take 1'\n"]) {
    const text = `${FIELDS}query: ${value}`;
    assert.deepEqual(rewritten('rule.yaml', text), { text, skipped: [`${FIELDS.length + 'query: '.length}: query left as it is: its string style cannot hold line breaks (a YAML literal block, \`|\`, can)`] });
  }
});

test('a query already in shape leaves the file as it is', () => {
  const text = `${FIELDS}query: >\n  T\n`;
  assert.deepEqual(rewritten('rule.yaml', text), { text, skipped: [] });
});

test('an ARM template: every alert rule query is rewritten as a JSON string, the rest is kept', () => {
  const resource = (query: string) => `{"type": "Microsoft.SecurityInsights/alertRules", "properties": {"displayName": "x", "query": "${query}"}}`;
  const text = `{\n  "resources": [\n    ${resource('A | take 1')},\n    ${resource('B\\r\\n| where X == \\"y\\" | take 2')}\n  ]\n}\n`;
  const expected = `{\n  "resources": [\n    ${resource('A\\n| take 1')},\n    ${resource('B\\r\\n| where X == \\"y\\"\\n| take 2')}\n  ]\n}\n`;
  assert.deepEqual(rewritten('template.json', text), { text: expected, skipped: [] });
});

test('a Graph detection rule: queryCondition.queryText', () => {
  const text = '{"displayName": "x", "queryCondition": {"queryText": "DeviceProcessEvents | take 1"}, "schedule": {"period": "1H"}}';
  assert.equal(rewritten('detection.json', text).text, '{"displayName": "x", "queryCondition": {"queryText": "DeviceProcessEvents\\n| take 1"}, "schedule": {"period": "1H"}}');
});

test('a file with reading problems is left whole, and files that are not rules are not taken', () => {
  const text = '{"resources": [{"type": "Microsoft.SecurityInsights/alertRules", "properties": {"query": "[concat(\'T\', \'| take 1\')]"}}]}';
  const result = rewritten('t.json', text);
  assert.equal(result.text, text);
  assert.match(result.skipped[0]!, /left as it is: not supported locally: an ARM template expression/);
  assert.equal(rewriteRuleFileQueries('config.yaml', 'name: x\nquery: y\n', onePipePerLine), undefined);
});

test('the rewritten file reads back with the rewritten query', () => {
  const text = `${FIELDS}query: |\n  T | take 1\n`;
  assert.equal(readRuleFile('rule.yaml', rewritten('rule.yaml', text).text)!.queries[0]!.text, 'T\n| take 1\n');
});
