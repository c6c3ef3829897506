// Kusto's findings inside every kind of host file land at the exact host line and column: a
// misspelt column (marked `$0` in the fixtures, the marker removed before checking) gives KS142
// on the misspelt name itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRuleFile } from '../../../server/src/analyticRules/lint';
import { readRuleFile } from '../../../server/src/sources/ruleFile';

const RULE_FIELDS = 'id: 0b6f9f1e-4a3b-4c7e-9d2a-1f2e3d4c5b6a\nname: Failed logons\ndescription: Failed logons.\nseverity: Low\nkind: Scheduled\nrequiredDataConnectors: []\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\ntactics:\n  - CredentialAccess\n';

function check(fileName: string, marked: string, eol = '\n'): void {
  const withEol = marked.replace(/\n/g, eol);
  const at = withEol.indexOf('$0');
  const text = withEol.replace('$0', '');
  const file = readRuleFile(fileName, text);
  assert.ok(file, 'recognised as a rule file');
  const unknown = lintRuleFile(file, text).findings.filter((f) => f.code === 'KS142');
  assert.equal(unknown.length, 1, JSON.stringify(unknown));
  assert.equal(unknown[0]!.start, at);
  assert.equal(text.slice(unknown[0]!.start, unknown[0]!.end), 'AcountType');
}

const QUERY_LINES = ['SecurityEvent', '', '| where EventID == 4625', '| where $0AcountType == "User"', '| project TimeGenerated, Account'];

for (const eol of ['\n', '\r\n']) {
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  for (const header of ['|', '|-', '|+', '>', '>-']) {
    test(`analytic rule, block scalar ${header} (${tag})`, () => {
      // Folded blocks keep line breaks only between more-indented lines: indent the pipes.
      const lines = header.startsWith('>') ? QUERY_LINES.map((l, i) => (i === 0 ? l : ` ${l}`)) : QUERY_LINES;
      check('rule.yaml', `${RULE_FIELDS}query: ${header}\n${lines.map((l) => (l === '' ? '' : `  ${l}`)).join('\n')}\nversion: 1.0.0\n`, eol);
    });
  }
  test(`analytic rule, double-quoted query with escapes (${tag})`, () => {
    check('rule.yml', `${RULE_FIELDS}query: "SecurityEvent\\n| where Account == \\"a\\\\b\\"\\n| where $0AcountType == \\"User\\""\n`, eol);
  });
  test(`analytic rule, single-quoted query over two lines (${tag})`, () => {
    check('rule.yaml', `${RULE_FIELDS}query: 'SecurityEvent | where Account == ''a''\n  | where $0AcountType == ''User'''\n`, eol);
  });
  test(`analytic rule, plain query (${tag})`, () => {
    check('rule.yaml', `${RULE_FIELDS}query: SecurityEvent\n  | where $0AcountType == "User"\n`, eol);
  });
}

test('ARM template: the alertRules resource query, a JSON string with escapes', () => {
  const arm = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {
      "type": "Microsoft.OperationalInsights/workspaces/providers/alertRules",
      "kind": "Scheduled",
      "properties": {
        "displayName": "Failed logons",
        "query": "SecurityEvent\\r\\n| where Account == \\"a\\\\\\\\b\\"\\n| where $0AcountType == \\"User\\""
      }
    }
  ]
}`;
  check('template.json', arm);
});

test('Graph detection rule: queryCondition.queryText', () => {
  check('detection.json', `{"displayName": "x", "queryCondition": {"queryText": "DeviceProcessEvents\\n| where $0AcountType == \\"User\\"\\n| project Timestamp, ReportId, DeviceId"}}`);
});

test('an ARM expression as the query is reported, not checked', () => {
  const text = '{"resources": [{"type": "Microsoft.SecurityInsights/alertRules", "properties": {"query": "[concat(\'T\', \'| take 1\')]"}}]}';
  const file = readRuleFile('t.json', text)!;
  const findings = lintRuleFile(file, text).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.source, f.message.startsWith('not supported locally: an ARM template expression')]), [['rule-file', 'analytic-rule', true]]);
});

test('files that are not rules are not taken', () => {
  assert.equal(readRuleFile('config.yaml', 'name: x\nquery: y\n'), undefined);
  assert.equal(readRuleFile('spec.test.yaml', 'query: y\nkind: Scheduled\n'), undefined);
  assert.equal(readRuleFile('package.json', '{"name": "x", "resources": []}'), undefined);
  assert.equal(readRuleFile('rule.kql', 'T'), undefined);
});
