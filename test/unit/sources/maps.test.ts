// Offset maps of embedded queries: for every scalar style, the decoded text equals the YAML
// package's value, every query offset maps to the host character that produced it, and every
// host offset inside the scalar maps back to the query offset at or after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { decodeJsonString } from '../../../server/src/sources/jsonString';
import type { MappedText } from '../../../server/src/sources/mappedText';
import { decodeScalar, type ScalarStyle } from '../../../server/src/sources/yamlScalar';

function queryNode(yaml: string): Scalar {
  const document = parseDocument(yaml, { keepSourceTokens: true });
  assert.ok(isMap(document.contents));
  const node = document.contents.get('query', true);
  assert.ok(isScalar(node));
  return node;
}

/** The map's laws, checked offset by offset. */
function checkLaws(map: MappedText, host: string): void {
  for (let q = 0; q <= map.length; q++) {
    const h = map.toHost(q);
    // The second half of a surrogate pair shares its escape with the first.
    const lowSurrogate = /[\uDC00-\uDFFF]/.test(map.text[q] ?? '');
    assert.equal(map.toQuery(h), lowSurrogate ? q - 1 : q, `query ${q} -> host ${h} -> back`);
    if (q < map.length) {
      const { start, end } = map.spanToHost(q, q + 1);
      assert.ok(end > start || map.text[q] === '\n', `character ${q} has a host range`);
      const hostText = host.slice(start, end);
      const ch = map.text[q]!;
      // A character comes from itself, an escape, a quote pair, or a line break that produced it.
      assert.ok(hostText === ch || hostText.startsWith('\\') || hostText === "''" || /^\r?\n/.test(hostText) || (ch === ' ' && /^\r?\n$/.test(hostText)), `character ${q} ${JSON.stringify(ch)} from ${JSON.stringify(hostText)}`);
    }
  }
  for (let h = map.toHost(0); h <= map.hostEnd; h++) {
    const q = map.toQuery(h);
    assert.ok(q !== undefined, `host ${h} inside`);
    assert.ok(map.toHost(q) >= h || map.spanToHost(q, q + 1).end > h, `host ${h} -> query ${q} at or after it`);
  }
  assert.equal(map.toQuery(map.toHost(0) - 1), undefined);
}

const BODY = ['SecurityEvent', '| where EventID == 4625', '', '| summarize count() by Account'];

function blockYaml(header: string, lines: string[], eol: string, indent = '  '): string {
  return ['id: x', `query: ${header}`, ...lines.map((l) => (l === '' ? '' : indent + l)), 'kind: Scheduled', ''].join(eol);
}

const cases: { name: string; yaml: string; style: ScalarStyle }[] = [];
for (const eol of ['\n', '\r\n']) {
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  for (const header of ['|', '|-', '|+', '>', '>-', '>+', '|2', '>2-']) {
    cases.push({ name: `${header} ${tag}`, yaml: blockYaml(header, BODY, eol), style: header.startsWith('|') ? 'literal' : 'folded' });
  }
  cases.push({ name: `| more-indented ${tag}`, yaml: blockYaml('|', ['T', '  | where x', '', '', '    | take 1'], eol, '    '), style: 'literal' });
  cases.push({ name: `> more-indented ${tag}`, yaml: blockYaml('>', ['T', 'a', '', '  b', 'c', '', '', 'd'], eol), style: 'folded' });
  cases.push({ name: `| trailing blank ${tag}`, yaml: blockYaml('|+', ['T', '', '   ', ''], eol), style: 'literal' });
  cases.push({ name: `plain ${tag}`, yaml: ['query: SecurityEvent', '  | where x == 1', '', '  | take 1', 'kind: NRT', ''].join(eol), style: 'plain' });
  cases.push({ name: `single-quoted ${tag}`, yaml: ["query: 'T | where a == ''x''  ", "   | take 1'", ''].join(eol), style: 'single-quoted' });
  cases.push({
    name: `double-quoted ${tag}`,
    yaml: ['query: "T | where a == \\"x\\\\\\"\\t\\u00e9\\U0001F600  ', '  ', '  | take 1 \\', '   | count"', ''].join(eol),
    style: 'double-quoted',
  });
}

for (const { name, yaml, style } of cases) {
  test(`yaml ${name}: the text is the YAML value and the map round-trips`, () => {
    const node = queryNode(yaml);
    const decoded = decodeScalar(node);
    assert.ok(decoded, 'decoded');
    assert.equal(decoded.style, style);
    assert.equal(decoded.text.text, node.value);
    checkLaws(decoded.text, yaml);
  });
}

test('a query character maps to its exact YAML line and column', () => {
  const yaml = blockYaml('|', BODY, '\r\n');
  const decoded = decodeScalar(queryNode(yaml))!;
  const q = decoded.text.text.indexOf('EventID');
  const h = decoded.text.toHost(q);
  assert.equal(yaml.slice(h, h + 7), 'EventID');
});

test('json strings: escapes map to their escape, the map round-trips', () => {
  const json = '{"q": "T\\n| where a == \\"x\\\\\\" and b == \\u00e9\\/"}';
  const start = json.indexOf('"T');
  const map = decodeJsonString(json, start, json.length - 1)!;
  assert.equal(map.text, JSON.parse(json).q);
  checkLaws(map, json);
  assert.equal(decodeJsonString(json, start, start + 3), undefined);
});
