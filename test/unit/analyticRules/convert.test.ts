// Converting a rule between Sentinel YAML, an ARM template and a Defender custom detection: the
// mapped fields are the documented counterparts, and YAML → ARM → YAML keeps every field.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ARM_API_VERSION, exportRule, isoDuration, ruleFields, sentinelDuration, type RuleFields } from '../../../server/src/analyticRules/convert';
import { readRuleFile } from '../../../server/src/sources/ruleFile';

const RULE = 'examples/rmm/remote-desktop-software.analytic-rule.yaml';

function fieldsOf(file: string, text: string, index = 0): RuleFields {
  const rule = readRuleFile(file, text);
  assert.ok(rule, `${file} is a rule file`);
  return ruleFields(rule, index);
}

function exported(fields: RuleFields, format: 'yaml' | 'arm' | 'graph'): { text: string; notes: string[] } {
  const result = exportRule(fields, format);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

const original = fieldsOf(RULE, readFileSync(RULE, 'utf8'));

test('YAML → ARM: the documented counterparts, a three-segment GUID name and a pinned apiVersion', () => {
  const template = JSON.parse(exported(original, 'arm').text) as { resources: { type: string; apiVersion: string; name: string; kind: string; properties: RuleFields }[] };
  const [resource] = template.resources;
  assert.equal(resource!.type, 'Microsoft.OperationalInsights/workspaces/providers/alertRules');
  assert.equal(resource!.apiVersion, ARM_API_VERSION);
  assert.equal(resource!.name, "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/3f6c2b1e-7d4a-4c8e-9b2f-5a1d0e6c7b84')]");
  assert.equal(resource!.kind, 'Scheduled');
  const p = resource!.properties;
  assert.deepEqual(
    { displayName: p.displayName, queryFrequency: p.queryFrequency, queryPeriod: p.queryPeriod, triggerOperator: p.triggerOperator, triggerThreshold: p.triggerThreshold, techniques: p.techniques, templateVersion: p.templateVersion },
    { displayName: original.name, queryFrequency: 'PT1H', queryPeriod: 'P1D', triggerOperator: 'GreaterThan', triggerThreshold: 0, techniques: ['T1219'], templateVersion: '1.0.0' },
  );
  assert.equal(p.query, original.query);
  assert.deepEqual(p.entityMappings, original.entityMappings);
});

test('YAML → ARM → YAML keeps every field, and the YAML written reads back the same', () => {
  const arm = exported(original, 'arm').text;
  const back = fieldsOf('rule.json', arm);
  assert.deepEqual(back, original);
  const yaml = exported(back, 'yaml').text;
  assert.deepEqual(fieldsOf('rule.yaml', yaml), original);
  // The query is a literal block, as rules are written by hand.
  assert.match(yaml, /^query: \|/m);
});

test('ARM techniques and sub-techniques: each technique, or its own sub-techniques', () => {
  const fields = { ...original, relevantTechniques: ['T1078.004', 'T1110', 'T1021.001', 'T1021.002'] };
  const properties = (JSON.parse(exported(fields, 'arm').text) as { resources: { properties: RuleFields }[] }).resources[0]!.properties;
  assert.deepEqual(properties.techniques, ['T1078', 'T1110', 'T1021']);
  assert.deepEqual(properties.subTechniques, ['T1078.004', 'T1021.001', 'T1021.002']);
  assert.deepEqual(fieldsOf('rule.json', exported(fields, 'arm').text).relevantTechniques, ['T1078.004', 'T1110', 'T1021.001', 'T1021.002']);
});

test('YAML → Graph: period, alert template and impacted assets; what has no place is named', () => {
  const result = exported(original, 'graph');
  const rule = JSON.parse(result.text) as { displayName: string; queryCondition: { queryText: string }; schedule: { period: string }; detectionAction: { alertTemplate: RuleFields } };
  assert.equal(rule.displayName, original.name);
  assert.equal(rule.queryCondition.queryText, original.query);
  assert.equal(rule.schedule.period, '1H');
  const template = rule.detectionAction.alertTemplate;
  assert.deepEqual(
    { title: template.title, severity: template.severity, category: template.category, mitreTechniques: template.mitreTechniques },
    { title: original.name, severity: 'medium', category: 'CommandAndControl', mitreTechniques: ['T1219'] },
  );
  assert.deepEqual(template.impactedAssets, [
    { '@odata.type': '#microsoft.graph.security.impactedDeviceAsset', identifier: 'deviceName' },
    { '@odata.type': '#microsoft.graph.security.impactedUserAsset', identifier: 'accountName' },
  ]);
  assert.ok(result.notes.includes('entity mapping Process.CommandLine → ProcessCommandLine has no impacted-asset counterpart and is not kept'), result.notes.join('\n'));
  assert.ok(result.notes.includes('customDetails has no place in a custom detection and is not kept'));
  assert.ok(!result.notes.some((n) => n.startsWith('triggerOperator')), 'gt 0 is what a custom detection does');
});

test('YAML → Graph → YAML keeps the query and the mapped metadata', () => {
  const back = fieldsOf('rule.json', exported(original, 'graph').text);
  for (const key of ['name', 'description', 'severity', 'query', 'queryFrequency', 'triggerOperator', 'triggerThreshold', 'tactics', 'relevantTechniques', 'kind']) assert.deepEqual(back[key], original[key], key);
  const mappings = original.entityMappings as { entityType: string }[];
  assert.deepEqual(back.entityMappings, mappings.filter((m) => m.entityType === 'Host' || m.entityType === 'Account'));
});

test('a frequency a custom detection cannot run at is refused; NRT runs continuously', () => {
  const refused = exportRule({ ...original, queryFrequency: '2h' }, 'graph');
  assert.ok('error' in refused && /queryFrequency '2h'/.test(refused.error));
  const nrt: RuleFields = { ...original, kind: 'NRT' };
  delete nrt.queryFrequency;
  delete nrt.queryPeriod;
  const rule = JSON.parse(exported(nrt, 'graph').text) as { schedule: { period: string } };
  assert.equal(rule.schedule.period, '0');
  assert.equal(fieldsOf('rule.json', JSON.stringify(rule)).kind, 'NRT');
});

test('durations: Sentinel <n>m|h|d and ISO 8601 both ways', () => {
  assert.deepEqual(['5m', '1h', '24h', '1d', '14d'].map(isoDuration), ['PT5M', 'PT1H', 'PT24H', 'P1D', 'P14D']);
  assert.deepEqual(['PT5M', 'PT1H', 'PT24H', 'P1D', 'P14D', 'PT1H30M', 'P1DT1H'].map(sentinelDuration), ['5m', '1h', '24h', '1d', '14d', '90m', '1500m']);
  assert.equal(isoDuration('1w'), undefined);
  assert.equal(sentinelDuration('PT'), undefined);
  assert.equal(sentinelDuration('P1W'), undefined);
});

test('the example custom detection converts to a rule with its query and back', () => {
  const file = 'examples/rmm/remote-desktop-software.custom-detection.json';
  const graph = fieldsOf(file, readFileSync(file, 'utf8'));
  assert.deepEqual({ name: graph.name, severity: graph.severity, queryFrequency: graph.queryFrequency, tactics: graph.tactics, relevantTechniques: graph.relevantTechniques, kind: graph.kind }, { name: original.name, severity: 'Medium', queryFrequency: '24h', tactics: ['CommandAndControl'], relevantTechniques: ['T1219'], kind: 'Scheduled' });
  assert.match(String(graph.id), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const again = JSON.parse(exported(graph, 'graph').text) as { queryCondition: { queryText: string }; schedule: { period: string } };
  assert.equal(again.queryCondition.queryText, graph.query);
  assert.equal(again.schedule.period, '24H');
});
