// Real published Sentinel analytic rules (data/sentinel-rules, from Azure/Azure-Sentinel): every
// rule reads and lints without a throw, Kusto's findings are exactly Kusto.Language's on the
// query with our schemas, metadata errors appear only where the CI's rules say so, and a wrong
// value injected into each validated field, or a misspelt column into the query, is caught at
// its exact line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { lintRuleFile } from '../../../server/src/analyticRules/lint';
import { checkMetadata } from '../../../server/src/analyticRules/metadata';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import { environmentFor } from '../../../server/src/kusto/environment';
import { readRuleFile, type RuleFile } from '../../../server/src/sources/ruleFile';
import { SENTINEL_RULES_ROOT, sentinelRuleFiles } from './sentinelRules';

const rules = sentinelRuleFiles().map((path) => ({ path, name: relative(SENTINEL_RULES_ROOT, path), text: readFileSync(path, 'utf8') }));
/** Rules of the current repository (`current/`): its CI's checks apply as they are today. */
const current = rules.filter((r) => r.name.startsWith('current/'));
/** The December 2020 snapshot (`Detections/`): its CI predates `kind`, technique and ASCII checks. */
const snapshot2020 = rules.filter((r) => r.name.startsWith('Detections/'));

function read(rule: { path: string; text: string }): RuleFile {
  const file = readRuleFile(rule.path, rule.text);
  assert.ok(file, `${rule.path} is recognised as an analytic rule`);
  return file;
}

/** Each rule is linted once; the tests share the results. */
const linted = new Map<string, ReturnType<typeof lintRuleFile>>();
function lint(rule: { path: string; text: string }): ReturnType<typeof lintRuleFile> {
  let result = linted.get(rule.path);
  if (!result) {
    result = lintRuleFile(read(rule), rule.text);
    linted.set(rule.path, result);
  }
  return result;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

test(`the corpus holds a few hundred rules (${rules.length})`, () => {
  assert.ok(rules.length >= 180);
  assert.ok(current.length >= 1);
});

test('every rule reads, maps its query exactly and lints without a throw', () => {
  for (const rule of rules) {
    const file = read(rule);
    assert.equal(file.problems.length, 0, `${rule.name}: ${JSON.stringify(file.problems)}`);
    const query = file.queries[0];
    assert.ok(query, `${rule.name}: the query maps`);
    assert.doesNotThrow(() => lint(rule), rule.name);
  }
});

test("Kusto's findings on a rule are Kusto.Language's on its query, moved to the rule's positions", () => {
  const environment = environmentFor('sentinel');
  let withErrors = 0;
  for (const rule of rules) {
    const file = read(rule);
    const query = file.queries[0]!;
    const expected = analyzeDocument(query.text, environment, true).diagnostics.map((d) => ({ code: d.code, ...query.map.spanToHost(d.start, d.end) }));
    const found = lint(rule)
      .findings.filter((f) => f.source === 'kusto')
      .map((f) => ({ code: f.code, start: f.start, end: f.end }));
    assert.deepEqual(found, expected, rule.name);
    if (expected.length > 0) withErrors++;
  }
  // Recorded in data/sentinel-rules/README.md: tables and columns our schemas do not have.
  assert.ok(withErrors < rules.length / 5, `${withErrors} rules with Kusto findings`);
});

test('no metadata error on the current rules', () => {
  for (const rule of current) {
    const metadata = lint(rule).findings.filter((f) => f.source === 'analytic-rule' && f.severity === 'error');
    assert.deepEqual(metadata, [], rule.name);
  }
});

/** Checks Azure-Sentinel's CI added after December 2020: the only metadata errors the snapshot may show. */
const LATER_CHECKS = [/^The rule has no `kind`/, /^Technique T\d+(\.\d+)? belongs to the tactic/, /^Non-ASCII character/, /is not an identifier of/, /needs one of these identifier sets/, /^The rule has no `requiredDataConnectors`/];

test('the 2020 snapshot shows metadata errors only from checks its CI did not have yet', () => {
  const counts = new Map<string, number>();
  for (const rule of snapshot2020) {
    for (const f of lint(rule).findings) {
      if (f.code !== 'rule-metadata') continue;
      const check = LATER_CHECKS.find((c) => c.test(f.message));
      assert.ok(check, `${rule.name}:${lineOf(rule.text, f.start)}: ${f.message}`);
      counts.set(check.source, (counts.get(check.source) ?? 0) + 1);
    }
  }
  assert.ok((counts.get(LATER_CHECKS[0]!.source) ?? 0) > 0, 'the snapshot has no `kind`, as its CI did not ask for it');
});

interface Mutation {
  field: string;
  /** The node to overwrite, found in the parsed rule. */
  node: (root: Node) => Node | undefined;
  wrong: string;
}

const at = (...path: (string | number)[]) => (root: Node) => {
  let node: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') node = isSeq(node) ? node.items[step] : undefined;
    else node = isMap(node) ? node.get(step, true) : undefined;
  }
  return isScalar(node) ? node : undefined;
};

const MUTATIONS: Mutation[] = [
  { field: 'id', node: at('id'), wrong: 'not-a-guid' },
  { field: 'severity', node: at('severity'), wrong: 'Urgent' },
  { field: 'kind', node: at('kind'), wrong: 'Sometimes' },
  { field: 'queryFrequency', node: at('queryFrequency'), wrong: '90s' },
  { field: 'queryPeriod', node: at('queryPeriod'), wrong: '30d' },
  { field: 'triggerOperator', node: at('triggerOperator'), wrong: 'GreaterThan' },
  { field: 'triggerThreshold', node: at('triggerThreshold'), wrong: '10001' },
  { field: 'tactics', node: at('tactics', 0), wrong: 'Sneaking' },
  { field: 'relevantTechniques', node: at('relevantTechniques', 0), wrong: 'T12' },
  { field: 'version', node: at('version'), wrong: '1.0' },
  { field: 'entityType', node: at('entityMappings', 0, 'entityType'), wrong: 'Spaceship' },
  { field: 'identifier', node: at('entityMappings', 0, 'fieldMappings', 0, 'identifier'), wrong: 'Colour' },
  { field: 'columnName', node: at('entityMappings', 0, 'fieldMappings', 0, 'columnName'), wrong: '1stColumn' },
  { field: 'name', node: at('name'), wrong: 'x'.repeat(300) },
];

test('a wrong value in each validated field of real rules is an error at that field\'s line', () => {
  const tried = new Map<string, number>();
  for (const rule of rules) {
    const file = read(rule);
    const root = file.yaml!.document.contents as Node;
    for (const mutation of MUTATIONS) {
      const node = mutation.node(root);
      if (!node?.range) continue;
      const [start, end] = node.range;
      const mutated = rule.text.slice(0, start) + mutation.wrong + rule.text.slice(trimmedEnd(rule.text, start, end));
      const mutatedFile = readRuleFile(rule.path, mutated)!;
      const line = lineOf(mutated, start);
      // The metadata checks alone: they need no query analysis.
      const errors = checkMetadata(mutatedFile.yaml!.document, mutated);
      assert.ok(
        errors.some((f) => lineOf(mutated, f.start) === line),
        `${rule.name}: ${mutation.field} = ${mutation.wrong.slice(0, 20)} gives no error on line ${line}: ${errors.map((e) => `${lineOf(mutated, e.start)} ${e.message}`).join('; ')}`,
      );
      tried.set(mutation.field, (tried.get(mutation.field) ?? 0) + 1);
    }
  }
  for (const mutation of MUTATIONS) assert.ok((tried.get(mutation.field) ?? 0) > 0, `${mutation.field} was injected somewhere`);
});

test("a misspelt column injected into a real rule's query is KS142 at the exact YAML line and column", () => {
  // Open tables (vendor parsers, unknown schemas) accept any column name: no KS142 is due there.
  const open = environmentFor('sentinel').openTables;
  let tried = 0;
  for (const rule of rules) {
    const file = read(rule);
    const query = file.queries[0]!;
    const clean = lint(rule).findings.filter((f) => f.source === 'kusto' && f.severity === 'error');
    const inQuery = query.text.search(/\bTimeGenerated\b/);
    if (clean.length > 0 || inQuery < 0 || open.some((name) => new RegExp(`\\b${name}\\b`).test(query.text))) continue;
    if (tried >= 60) break; // a sample: each mutation is a full analysis
    const host = query.map.toHost(inQuery);
    assert.equal(rule.text.slice(host, host + 'TimeGenerated'.length), 'TimeGenerated', rule.name);
    const mutated = rule.text.slice(0, host) + 'TimeGeneratd' + rule.text.slice(host + 'TimeGenerated'.length);
    const unknown = lintRuleFile(readRuleFile(rule.path, mutated)!, mutated).findings.filter((f) => f.code === 'KS142');
    assert.ok(
      unknown.some((f) => f.start === host && f.end === host + 'TimeGeneratd'.length),
      `${rule.name}: KS142 at ${lineOf(mutated, host)}:${host - mutated.lastIndexOf('\n', host - 1)}; got ${JSON.stringify(unknown.map((f) => [f.start, f.end]))}`,
    );
    tried++;
  }
  assert.equal(tried, 60, `${tried} rules mutated`);
});

function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}
