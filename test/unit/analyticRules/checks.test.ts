// The checks no corpus rule exercises: grouping, custom details, alert overrides, fields naming
// output columns, look-backs; and the JSON Schema for YAML editors agrees with the checks' values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintRuleFile } from '../../../server/src/analyticRules/lint';
import { AGGREGATION_KINDS, ENTITY_IDENTIFIERS, KINDS, SEVERITIES, TACTICS, TRIGGER_OPERATORS } from '../../../server/src/analyticRules/vocabulary';
import { readRuleFile } from '../../../server/src/sources/ruleFile';

const BASE = 'id: 0b6f9f1e-4a3b-4c7e-9d2a-1f2e3d4c5b6a\nname: Failed logons\ndescription: Failed logons.\nseverity: Low\nkind: Scheduled\nrequiredDataConnectors: []\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\ntactics:\n  - CredentialAccess\nquery: |\n  SecurityEvent\n  | where TimeGenerated > ago(1h)\n  | project TimeGenerated, Account, Computer\n';

/** The findings of `extra` appended to a valid rule, as [line, code] with the marked text. */
function findings(extra: string, replace?: [string, string]): { line: number; code: string; text: string }[] {
  let text = BASE + extra;
  if (replace) text = text.replace(replace[0], replace[1]);
  const file = readRuleFile('rule.yaml', text)!;
  return lintRuleFile(file, text)
    .findings.filter((f) => f.source === 'analytic-rule')
    .map((f) => ({ line: text.slice(0, f.start).split('\n').length, code: f.code, text: text.slice(f.start, f.end) }));
}

test('a valid rule has no findings', () => {
  assert.deepEqual(findings(''), []);
});

test('eventGroupingSettings.aggregationKind must be SingleAlert or AlertPerResult', () => {
  assert.deepEqual(findings('eventGroupingSettings:\n  aggregationKind: Sometimes\n'), [{ line: 18, code: 'rule-metadata', text: 'Sometimes' }]);
});

test('custom details: names and columns, and columns of the output', () => {
  assert.deepEqual(findings('customDetails:\n  1Bad: Account\n  Host: Machine\n'), [
    { line: 18, code: 'rule-metadata', text: '1Bad' },
    { line: 19, code: 'rule-output-column', text: 'Machine' },
  ]);
});

test('alert details override: at most 3 placeholders, each a column of the output', () => {
  assert.deepEqual(findings("alertDetailsOverride:\n  alertDisplayNameFormat: '{{Account}} on {{Computr}}'\n  alertSeverityColumnName: Sev\n"), [
    { line: 18, code: 'rule-output-column', text: 'Computr' },
    { line: 19, code: 'rule-output-column', text: 'Sev' },
  ]);
  const four = findings('alertDetailsOverride:\n  alertDescriptionFormat: "{{Account}} {{Account}} {{Computer}} {{TimeGenerated}}"\n');
  assert.deepEqual(four.map((f) => [f.line, f.code]), [[18, 'rule-metadata']]);
});

test('entity mappings name output columns', () => {
  assert.deepEqual(findings('entityMappings:\n  - entityType: Host\n    fieldMappings:\n      - identifier: HostName\n        columnName: Computr\n'), [{ line: 21, code: 'rule-output-column', text: 'Computr' }]);
});

test('a look-back longer than queryPeriod is flagged on the period and on the ago() call', () => {
  const found = findings('', ['ago(1h)', 'ago(7d)']);
  assert.deepEqual(found.map((f) => [f.line, f.code, f.text]), [
    [8, 'rule-query-period', '1h'],
    [15, 'rule-query-period', 'ago(7d)'],
  ]);
});

test('a period of 2 days or more needs a frequency of at least 1h; the period must cover the frequency', () => {
  assert.deepEqual(findings('', ['queryFrequency: 1h\nqueryPeriod: 1h', 'queryFrequency: 30m\nqueryPeriod: 2d']).map((f) => [f.line, f.text]), [[7, '30m']]);
  // The query's ago(1h) no longer fits the 30m period either: that is the look-back check's finding.
  assert.deepEqual(findings('', ['queryPeriod: 1h', 'queryPeriod: 30m']).map((f) => [f.line, f.code, f.text]), [
    [8, 'rule-metadata', '30m'],
    [8, 'rule-query-period', '30m'],
    [15, 'rule-query-period', 'ago(1h)'],
  ]);
});

test('a Defender custom detection must return Timestamp, ReportId and an impacted asset', () => {
  const text = '{"displayName": "x", "queryCondition": {"queryText": "DeviceProcessEvents | project Timestamp, FileName"}}';
  const own = (t: string) => lintRuleFile(readRuleFile('d.json', t)!, t).findings.filter((f) => f.source === 'analytic-rule').map((f) => f.code);
  assert.deepEqual(own(text), ['rule-defender-columns']);
  assert.deepEqual(own('{"queryCondition": {"queryText": "DeviceProcessEvents | project Timestamp, ReportId, DeviceId"}}'), []);
});

test("the JSON Schema for YAML editors lists the checks' values", () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'analytic-rule.schema.json'), 'utf8'));
  const p = schema.properties;
  assert.deepEqual(p.severity.enum, [...SEVERITIES]);
  assert.deepEqual(p.kind.enum, [...KINDS]);
  assert.deepEqual(p.triggerOperator.enum, [...TRIGGER_OPERATORS]);
  assert.deepEqual(p.tactics.items.enum, [...TACTICS]);
  assert.deepEqual(p.eventGroupingSettings.properties.aggregationKind.enum, [...AGGREGATION_KINDS]);
  assert.deepEqual(p.entityMappings.items.properties.entityType.enum, Object.keys(ENTITY_IDENTIFIERS));
});
