// supportOf: whether a query runs on generated tables, and why not.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { supportOf } from '../../../server/src/engine/support';
import type { Environment } from '../../../server/src/kusto/globals';
import { NOW } from './helpers';

const environment: Environment = { tables: [{ name: 'Logins', columns: [{ name: 'User', type: 'string' }] }], openTables: ['Sysmon'], functions: [] };

test('a query over an open table runs on the columns it names, as events bound to the table would bring them', () => {
  const support = supportOf('Sysmon | where EventID == 1 and process_path contains "qwinsta.exe"', environment, { now: NOW });
  assert.deepEqual(support, { status: 'runs', reasons: [] });
});

test('over an open table, a construct the engine cannot evaluate is still reported', () => {
  const support = supportOf('Sysmon | where EventID == 1 | extend Id = new_guid()', environment, { now: NOW });
  assert.equal(support.status, 'not-supported');
  assert.match(support.reasons[0].message, /not supported locally: new_guid\(\)/);
});

test('a declared table runs on its generated rows', () => {
  assert.deepEqual(supportOf('Logins | where User != "x"', environment, { now: NOW }), { status: 'runs', reasons: [] });
});

test('an open table read by its time column keeps Kusto\'s view of it (no dynamic typing forced on it)', () => {
  assert.deepEqual(supportOf('Sysmon | where TimeGenerated > ago(1d) | project EventID', environment, { now: NOW }), { status: 'runs', reasons: [] });
});

test('an open table\'s named columns also serve distinct and join keys', () => {
  const query = 'Sysmon | distinct Actor | join kind=rightanti (Sysmon | where EventID == 1 | distinct Actor) on Actor';
  assert.deepEqual(supportOf(query, environment, { now: NOW }), { status: 'runs', reasons: [] });
});
