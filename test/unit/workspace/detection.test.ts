// The workspace core's view of a detection file: the same queries, names and host positions for a
// `.kql` document and every rule-file kind, the query a spec or the cursor picks, and the tables.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { chooseQuery, detectionSchema, queryAt, readDetection, type DetectionFile } from '../../../server/src/workspace';

const YAML_RULE = `id: 0b8f0a6e-1c3d-4f5a-9b7c-2d4e6f8a0b1c
name: Failed logons
kind: Scheduled
query: |
  Logons
  | where Result == "fail"
severity: Low
`;

const ARM = `{
  "resources": [
    { "type": "Microsoft.OperationalInsights/workspaces/providers/alertRules", "properties": { "displayName": "First", "query": "Logons\\n| where Result == \\"fail\\"" } },
    { "type": "Microsoft.OperationalInsights/workspaces/providers/alertRules", "properties": { "displayName": "Second", "query": "Logons | take 1" } }
  ]
}`;

const GRAPH = `{ "displayName": "Custom", "queryCondition": { "queryText": "DeviceProcessEvents | take 1" } }`;

function read(file: string, text: string): DetectionFile {
  const detection = readDetection(file, text);
  assert.ok(detection, `${file} is a detection`);
  return detection;
}

/** The host text each query character came from, start to end. */
function hostOf(detection: DetectionFile, index: number, start: number, end: number): string {
  const span = detection.queries[index]!.spanToHost(start, end);
  return detection.text.slice(span.start, span.end);
}

test('a .kql document: its query blocks, their names and offsets', () => {
  const text = '// name: first\nT | take 1\n\nU | take 2\n';
  const detection = read('d.kql', text);
  assert.equal(detection.kind, 'kql');
  assert.equal(detection.product, undefined);
  assert.deepEqual(detection.queries.map((q) => [q.name, q.text]), [['first', '// name: first\nT | take 1'], [undefined, 'U | take 2']]);
  assert.equal(hostOf(detection, 1, 4, 8), 'take');
  assert.equal(queryAt(detection, text.indexOf('U'))?.index, 1);
  assert.equal(queryAt(detection, 0)?.index, 0);
  assert.equal(queryAt(detection, undefined)?.index, 1);
});

test('an analytic-rule YAML: its query, named by the rule, mapped into the block scalar', () => {
  const detection = read('rule.yaml', YAML_RULE);
  assert.equal(detection.kind, 'analytic-rule');
  assert.equal(detection.product, 'sentinel');
  const [query] = detection.queries;
  assert.equal(query!.name, 'Failed logons');
  assert.equal(query!.text, 'Logons\n| where Result == "fail"\n');
  const at = query!.text.indexOf('Result');
  assert.equal(hostOf(detection, 0, at, at + 6), 'Result');
  assert.equal(query!.toHost(at), YAML_RULE.indexOf('Result'));
  assert.equal(queryAt(detection, YAML_RULE.indexOf('where'))?.index, 0);
});

test('an ARM template: one query per alert rule, JSON escapes mapped, chosen by number or displayName', () => {
  const detection = read('rules.json', ARM);
  assert.equal(detection.kind, 'arm-template');
  assert.equal(detection.product, 'sentinel');
  assert.deepEqual(detection.queries.map((q) => [q.name, q.text]), [['First', 'Logons\n| where Result == "fail"'], ['Second', 'Logons | take 1']]);
  const quoted = detection.queries[0]!.text.indexOf('"fail"');
  assert.equal(hostOf(detection, 0, quoted, quoted + 6), '\\"fail\\"');
  assert.equal(queryAt(detection, ARM.indexOf('take'))?.name, 'Second');
  const pick = (choice: Parameters<typeof chooseQuery>[1]) => {
    const chosen = chooseQuery(detection, choice);
    return 'query' in chosen ? chosen.query.name : `${chosen.at}: ${chosen.message}`;
  };
  assert.equal(pick({ number: 2 }), 'Second');
  assert.equal(pick({ name: 'First' }), 'First');
  assert.equal(pick({ number: 3 }), 'choice: block 3: the detection has 2 rules');
  assert.equal(pick({ name: 'Third' }), "choice: no rule is named 'Third'; named rules: 'First', 'Second'");
  assert.equal(pick(undefined), "detection: the detection has 2 rules: pick one with 'block:' (its number, or the rule's name)");
});

test('a Graph detection rule runs on Defender tables; YAML and JSON without a rule are no detection', () => {
  const detection = read('custom.json', GRAPH);
  assert.equal(detection.kind, 'graph-detection-rule');
  assert.equal(detection.product, 'defender');
  assert.equal(detection.queries[0]!.name, 'Custom');
  assert.equal(readDetection('other.yaml', 'key: value\n'), undefined);
  assert.equal(readDetection('package.json', '{ "name": "x" }'), undefined);
});

test('the tables: the user choice, else the spec as written, else the product, else defender', () => {
  const rule = read('rule.yaml', YAML_RULE);
  const kql = read('d.kql', 'T');
  const written = { schema: 'both' as const, schemaAt: { line: 2, column: 9 } };
  const defaulted = { schema: 'defender' as const };
  assert.equal(detectionSchema(rule, written, 'defender'), 'defender');
  assert.equal(detectionSchema(rule, written), 'both');
  assert.equal(detectionSchema(rule, defaulted), 'sentinel');
  assert.equal(detectionSchema(rule, undefined), 'sentinel');
  assert.equal(detectionSchema(kql, defaulted), 'defender');
  assert.equal(detectionSchema(kql, undefined), 'defender');
});

test("the example analytic rule's query is the improved .kql detection, character for character", () => {
  const rule = 'examples/rmm/remote-desktop-software.analytic-rule.yaml';
  const detection = read(rule, readFileSync(rule, 'utf8'));
  assert.equal(detection.queries.length, 1);
  assert.equal(detection.queries[0]!.text, readFileSync('examples/rmm/remote-desktop-software.improved.kql', 'utf8'));
});

test("the example custom detection's query is the improved .kql detection, returning ReportId and DeviceId as Defender requires", () => {
  const rule = 'examples/rmm/remote-desktop-software.custom-detection.json';
  const detection = read(rule, readFileSync(rule, 'utf8'));
  assert.equal(detection.kind, 'graph-detection-rule');
  assert.equal(detection.queries.length, 1);
  const improved = readFileSync('examples/rmm/remote-desktop-software.improved.kql', 'utf8');
  assert.equal(detection.queries[0]!.text, improved.replace('| project Timestamp, DeviceName,', '| project Timestamp, ReportId, DeviceId, DeviceName,'));
});
