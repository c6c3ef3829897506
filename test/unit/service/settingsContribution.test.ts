// The settings VS Code offers for connections (package.json) describe what the server accepts:
// the same kinds and fields, no field for a secret, and the server's default timeout.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONNECTION_FIELDS, CONNECTION_KINDS, readConnections, SECRET_FIELDS } from '../../../server/src/service/connections';
import { DEFAULT_TIMEOUT_SECONDS } from '../../../server/src/service/deadline';

interface Property {
  default?: unknown;
  items?: { properties: Record<string, { enum?: string[] }>; required: string[] };
}

const properties = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Property> } } }).contributes.configuration.properties;

test('kqlDetect.connections offers the kinds and fields the server reads, and none for a secret', () => {
  const items = properties['kqlDetect.connections'].items!;
  assert.deepEqual(items.properties.kind.enum, [...CONNECTION_KINDS]);
  assert.deepEqual(Object.keys(items.properties).sort(), ['name', 'kind', ...CONNECTION_FIELDS].sort());
  assert.deepEqual(items.required, ['name', 'kind']);
  for (const secret of SECRET_FIELDS) assert.ok(!(secret in items.properties), secret);
});

test('an entry of each kind as the schema allows it is accepted by the server as it is', () => {
  const entries = [
    { name: 'cluster', kind: 'adx', cluster: 'https://help.kusto.windows.net', database: 'Samples' },
    { name: 'sentinel', kind: 'log-analytics', workspaceId: '00000000-0000-0000-0000-0000000000aa', tenantId: 'contoso.onmicrosoft.com' },
    { name: 'defender', kind: 'defender' },
  ];
  assert.deepEqual(readConnections(entries), { connections: entries, problems: [] });
});

test("kqlDetect.service.timeoutSeconds defaults to the server's timeout", () => {
  assert.equal(properties['kqlDetect.service.timeoutSeconds'].default, DEFAULT_TIMEOUT_SECONDS);
});
