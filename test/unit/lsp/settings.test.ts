import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings, SettingsCache } from '../../../server/src/lsp/settings';

test('missing or malformed settings fall back to their defaults', () => {
  for (const raw of [undefined, null, 42, 'x', [], {}]) assert.deepEqual(readSettings(raw), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings({ schema: 'splunk', customSchemaFiles: 'a.json', rules: ['x'], catalog: 3, service: { timeoutSeconds: -5 } }), DEFAULT_SETTINGS);
  assert.deepEqual(readSettings({ service: { timeoutSeconds: '60' } }), DEFAULT_SETTINGS);
});

test('each section is read and cleaned', () => {
  assert.deepEqual(
    readSettings({
      schema: 'both',
      customSchemaFiles: ['tables.json', 7, ''],
      rules: { 'rmm-missing-binary': 'warning', other: 'loud' },
      catalog: { families: ['anydesk'], extraFile: 'catalog.json', unknown: true },
      connections: [{ name: 'sentinel', kind: 'log-analytics', workspaceId: '00000000-0000-0000-0000-0000000000aa' }, { name: 'bad', kind: 'adx' }],
      service: { timeoutSeconds: 30 },
    }),
    {
      schema: 'both',
      customSchemaFiles: ['tables.json'],
      rules: { 'rmm-missing-binary': 'warning' },
      catalog: { families: ['anydesk'], extraFile: 'catalog.json' },
      connections: {
        connections: [{ name: 'sentinel', kind: 'log-analytics', workspaceId: '00000000-0000-0000-0000-0000000000aa' }],
        problems: ["connection 'bad': an adx connection needs 'cluster' (https://<name>.<region>.kusto.windows.net)", "connection 'bad': an adx connection needs 'database'"],
      },
      service: { timeoutSeconds: 30 },
    },
  );
});

test('settings are fetched once per document until cleared', async () => {
  const asked: string[] = [];
  const cache = new SettingsCache(async (uri) => {
    asked.push(uri);
    return { schema: uri.includes('sentinel') ? 'sentinel' : 'defender' };
  });
  assert.equal((await cache.get('file:///sentinel/a.kql')).schema, 'sentinel');
  assert.equal((await cache.get('file:///sentinel/a.kql')).schema, 'sentinel');
  assert.equal((await cache.get('file:///b.kql')).schema, 'defender');
  cache.clear();
  await cache.get('file:///b.kql');
  assert.deepEqual(asked, ['file:///sentinel/a.kql', 'file:///b.kql', 'file:///b.kql']);
});

test('a client that cannot answer gets the defaults', async () => {
  assert.deepEqual(await new SettingsCache(undefined).get('file:///a.kql'), DEFAULT_SETTINGS);
  assert.deepEqual(await new SettingsCache(() => Promise.reject(new Error('no'))).get('file:///a.kql'), DEFAULT_SETTINGS);
});
