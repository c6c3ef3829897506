// Every rule has a doc in the fixed sections and a test file; ids equal file names; the registry is sorted.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lintDocument } from '../../../server/src/rules/lint';
import { RULES } from '../../../server/src/rules/registry';
import { environment } from './ruleTester';

const SECTIONS = ['## What it does', '## Why it matters', '## Example', '## How to fix or tune', '## References'];

test('the registry is sorted by id and holds every rule file', () => {
  const ids = RULES.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort());
  const files = readdirSync('server/src/rules/rules').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
  assert.deepEqual(ids, files);
});

for (const rule of RULES) {
  test(`${rule.id}: id = file name, doc in fixed sections, tests`, () => {
    assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(readFileSync(`server/src/rules/rules/${rule.id}.ts`, 'utf8').includes(`id: '${rule.id}'`));
    const doc = readFileSync(`docs/rules/${rule.id}.md`, 'utf8');
    assert.ok(doc.startsWith(`# ${rule.id}\n`));
    let at = 0;
    for (const section of SECTIONS) {
      const found = doc.indexOf(`\n${section}\n`, at);
      assert.ok(found > at, `${rule.id}.md: "${section}" missing or out of order`);
      at = found;
    }
    assert.ok(existsSync(`test/unit/rules/${rule.id}.test.ts`), 'a rule-tester test file');
  });

  test(`${rule.id}: the doc's example shows the rule's real message`, () => {
    const doc = readFileSync(`docs/rules/${rule.id}.md`, 'utf8');
    const example = /```kql\n([\s\S]*?)```/.exec(doc);
    assert.ok(example, 'a kql example');
    const findings = lintDocument(example[1], environment).findings.filter((f) => f.code === rule.id);
    assert.ok(findings.length > 0, 'the example triggers the rule');
    for (const f of findings) assert.ok(doc.includes(f.message.split(' Suggested rewrite')[0]), `the doc quotes: ${f.message}`);
  });
}

test('no doc without a rule', () => {
  const docs = readdirSync('docs/rules').filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.replace(/\.md$/, ''));
  assert.deepEqual(docs.sort(), RULES.map((r) => r.id));
});

test('package.json offers a severity setting for every rule', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } | { properties: Record<string, { properties?: Record<string, unknown> }> }[] } };
  const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
  const rules = sections.map((s) => s.properties['kqlDetect.rules']).find((r) => r)!;
  assert.deepEqual(Object.keys(rules.properties ?? {}), RULES.map((r) => r.id));
});

test('query-cost rules default to information and carry a weight; the others carry none', () => {
  const cost = RULES.filter((r) => r.costWeight !== undefined);
  assert.ok(cost.length >= 17);
  for (const rule of cost) {
    assert.equal(rule.defaultSeverity, 'information', rule.id);
    assert.ok(Number.isInteger(rule.costWeight) && rule.costWeight! > 0, rule.id);
  }
  const map = readFileSync('docs/rules/README.md', 'utf8');
  for (const rule of cost) assert.ok(map.includes(`[\`${rule.id}\`](${rule.id}.md)`), `docs/rules/README.md lists ${rule.id}`);
});
