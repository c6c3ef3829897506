import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import { environmentFor, withTables } from '../../../server/src/kusto/environment';

function seedQuery(): string {
  const seed = readFileSync('data/seeds/T1219.002-remote-desktop-software.txt', 'utf8');
  return seed.slice(seed.indexOf('let RMMTools'), seed.indexOf('| sort by Timestamp desc') + '| sort by Timestamp desc'.length);
}

function errors(text: string, kind: 'defender' | 'sentinel' | 'both' = 'defender'): string[] {
  return analyzeDocument(text, environmentFor(kind)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

test('the seed detection has no errors with the default (Defender) schema', () => {
  assert.deepEqual(errors(seedQuery()), []);
});

test('Defender uses Timestamp; Sentinel tables use TimeGenerated', () => {
  assert.deepEqual(errors('DeviceProcessEvents | where Timestamp > ago(1h)'), []);
  assert.deepEqual(errors('SigninLogs | where TimeGenerated > ago(1h)', 'sentinel'), []);
  assert.equal(errors('SigninLogs | take 1', 'defender').length, 1);
});

test('in a Sentinel workspace, Defender tables carry the columns Log Analytics documents beside their own', () => {
  const query = 'DeviceProcessEvents | where TimeGenerated > ago(1h) and Timestamp > ago(1h) | project TenantId, MachineGroup, Type, SourceSystem, AdditionalFields';
  assert.deepEqual(errors(query, 'both'), []);
  assert.deepEqual(errors(query, 'sentinel'), []);
  assert.deepEqual(errors('IdentityInfo | project AccountUPN, AccountUpn, Timestamp, TimeGenerated', 'both'), []);
  assert.deepEqual(errors('DeviceProcessEvents | where TimeGenerated > ago(1h)', 'defender'), ["The name 'TimeGenerated' does not refer to any known column, table, variable or function."]);
});

test('in both, Defender types win; a column each product spells its own way is there in both spellings', () => {
  const columns = (name: string) => environmentFor('both').tables.find((t) => t.name === name)!.columns;
  assert.deepEqual(columns('CloudAppEvents').filter((c) => c.name.toLowerCase() === 'isp').map((c) => c.name), ['Isp', 'ISP']);
  assert.equal(columns('DeviceProcessEvents').find((c) => c.name === 'AdditionalFields')!.type, 'string');
  assert.equal(environmentFor('sentinel').tables.find((t) => t.name === 'DeviceProcessEvents')!.columns.find((c) => c.name === 'AdditionalFields')!.type, 'dynamic');
});

test('Sentinel workspace parsers resolve in sentinel and both, not in Defender', () => {
  assert.deepEqual(errors('Sysmon | where EventID == 1 | project Computer', 'sentinel'), []);
  assert.deepEqual(errors('Sysmon | where EventID == 1 | project Computer', 'both'), []);
  assert.equal(errors('Sysmon | take 1', 'defender').length, 1);
});

test('Defender functions, watchlists, ASIM and vendor parsers resolve', () => {
  assert.deepEqual(errors('DeviceFileEvents | invoke FileProfile("SHA1", 1000) | where GlobalPrevalence < 50'), []);
  assert.deepEqual(errors('DeviceProcessEvents | invoke SeenBy()'), []);
  assert.deepEqual(errors('AssignedIPAddresses("pc1", now()) | project IPAddress'), []);
  assert.deepEqual(errors('_GetWatchlist("approved") | project SearchKey, AnyWatchlistColumn', 'sentinel'), []);
  assert.deepEqual(errors('imProcessCreate | where TargetProcessName has "x"', 'sentinel'), []);
});

test('extra tables extend an environment and win on name clashes', () => {
  const env = withTables(environmentFor('defender'), [{ name: 'MyTable_CL', columns: [{ name: 'Computer', type: 'string' }] }]);
  assert.deepEqual(analyzeDocument('MyTable_CL | where Computer == "x"', env).diagnostics, []);
});
