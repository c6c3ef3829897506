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
