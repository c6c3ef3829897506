// What detections read from outside the workspace's tables: externaldata files and watchlists,
// bound by the provider to local tables; unbound, they are reported, never fetched.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryTable } from '../../../server/src/engine/memoryTable';
import { WATCHLIST_COLUMNS, type ExternalDataRequest, type TableProvider } from '../../../server/src/engine/table';
import { environmentFor } from '../../../server/src/kusto/environment';
import { check, run } from './helpers';

const sentinel = environmentFor('sentinel');

const requests: ExternalDataRequest[] = [];
const provider: TableProvider = {
  table: () => undefined,
  tableNames: () => [],
  externalData(request) {
    requests.push(request);
    if (request.urls[0] !== 'https://example.com/iocs.csv') return undefined;
    return memoryTable(request.columns, [
      ['evil.example', 90],
      ['bad.example', 40],
    ]);
  },
  watchlist(alias) {
    if (alias !== 'VIPUsers') return undefined;
    const schema = [...WATCHLIST_COLUMNS, { name: 'UserPrincipalName', type: 'dynamic' as const }];
    return memoryTable(schema, [['1', null, 'alice@contoso.com', { UserPrincipalName: 'alice@contoso.com' }, 'alice@contoso.com']]);
  },
};

test('externaldata reads the local table bound to its URI, with its declared schema, format and header flag', () => {
  const query = 'externaldata(Domain:string, Score:long) [@"https://example.com/iocs.csv"] with (format="CSV", ignoreFirstRecord=true) | where Score > 50';
  check(query, [['evil.example', 90]], { provider, columns: ['Domain', 'Score'] });
  assert.deepEqual(requests.at(-1), {
    urls: ['https://example.com/iocs.csv'],
    columns: [
      { name: 'Domain', type: 'string' },
      { name: 'Score', type: 'long' },
    ],
    format: 'csv',
    ignoreFirstRecord: true,
  });
});

test('externaldata with no file bound to its URI is reported with its span, never fetched', () => {
  const query = 'externaldata(Domain:string) [h@"https://example.com/other.txt"] | take 1';
  const result = run(query, { provider });
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, d.message, query.slice(d.start, d.end).slice(0, 12)]),
    [['not-supported-locally', 'not supported locally: externaldata from https://example.com/other.txt (no local file is bound to this URI; nothing is fetched from the network)', 'externaldata']],
  );
});

test("_GetWatchlist('alias') reads the watchlist bound to the alias: Sentinel's item columns and its own", () => {
  check("_GetWatchlist('VIPUsers') | project SearchKey, UserPrincipalName, Missing = tostring(Department)", [['alice@contoso.com', 'alice@contoso.com', '']], {
    provider,
    environment: sentinel,
  });
});

test('_GetWatchlist of an alias no file is bound to is reported', () => {
  const result = run("_GetWatchlist('Unknown') | take 1", { provider }, sentinel);
  assert.deepEqual(
    result.diagnostics.map((d) => d.message),
    ["not supported locally: _GetWatchlist('Unknown') (no watchlist file is bound to this alias)"],
  );
});
