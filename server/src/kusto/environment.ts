// The environments a detection runs in: Microsoft Defender XDR Advanced Hunting, Microsoft
// Sentinel (Log Analytics), or both. Tables come from the generated schemas in ./schemas.

import asimSchemas from './schemas/asim.json';
import defenderTables from './schemas/defender.json';
import parsers from './schemas/parsers.json';
import sentinelTables from './schemas/sentinel.json';
import type { Environment, FunctionSchema, TableSchema } from './globals';

export type SchemaKind = 'defender' | 'sentinel' | 'both';

/**
 * Defender-only functions, declared with the columns their documentation lists. `invoke`d
 * functions take the input table as their first parameter and extend it.
 */
const DEFENDER_FUNCTIONS: FunctionSchema[] = [
  {
    name: 'FileProfile',
    parameters: '(T:(*), x:string="SHA1", y:long=1000)',
    body:
      '{ T | extend SHA1=tostring(""), SHA256=tostring(""), MD5=tostring(""), FileSize=long(null), GlobalPrevalence=long(null), ' +
      'GlobalFirstSeen=datetime(null), GlobalLastSeen=datetime(null), Signer=tostring(""), Issuer=tostring(""), SignerHash=tostring(""), ' +
      'IsCertificateValid=bool(null), IsRootSignerMicrosoft=bool(null), SignatureState=tostring(""), IsExecutable=bool(null), ' +
      'ThreatName=tostring(""), Publisher=tostring(""), SoftwareName=tostring(""), ProfileAvailability=tostring("") }',
  },
  {
    name: 'DeviceFromIP',
    parameters: '(IP:string, Timestamp:datetime=datetime(null))',
    body: '{ datatable(IP:string, DeviceId:string)[] }',
  },
  {
    name: 'AssignedIPAddresses',
    parameters: '(x:string, y:datetime=datetime(null))',
    body: '{ datatable(Timestamp:datetime, IPAddress:string, IPType:string, NetworkAdapterType:string, ConnectedNetworks:dynamic)[] }',
  },
  {
    name: 'SeenBy',
    parameters: '(T:(*))',
    body: '{ T | extend SeenBy=dynamic(null) }',
  },
];

/** Watchlist items have a few fixed columns plus whatever the watchlist defines: an open result. */
const WATCHLIST_ITEMS = '_WatchlistItems';
const SENTINEL_FUNCTIONS: FunctionSchema[] = [{ name: '_GetWatchlist', parameters: '(watchlistAlias:string)', body: `{ ${WATCHLIST_ITEMS} }` }];

function tablesOf(compact: Record<string, string>): TableSchema[] {
  return Object.entries(compact).map(([name, columns]) => ({ name, columns: parseColumns(columns) }));
}

function parseColumns(compact: string): { name: string; type: string }[] {
  if (!compact) return [];
  return compact.split(',').map((pair) => {
    const colon = pair.lastIndexOf(':');
    return { name: pair.slice(0, colon), type: pair.slice(colon + 1) };
  });
}

/** ASIM parsers return their schema's columns; modelled as tables so completion knows them. */
function asimTables(): TableSchema[] {
  const schemas = asimSchemas as Record<string, string>;
  return Object.entries(parsers.asim as Record<string, string>)
    .filter(([, schema]) => schemas[schema] !== undefined)
    .map(([name, schema]) => ({ name, columns: parseColumns(schemas[schema]) }));
}

const cache = new Map<SchemaKind, Environment>();

/** The environment for a schema setting; built once and shared (Kusto caches its state per object). */
export function environmentFor(kind: SchemaKind): Environment {
  let environment = cache.get(kind);
  if (!environment) {
    environment = buildEnvironment(kind);
    cache.set(kind, environment);
  }
  return environment;
}

function buildEnvironment(kind: SchemaKind): Environment {
  // In `both`, Defender's shape wins where the products disagree (it is listed first).
  const tables = [
    ...(kind !== 'sentinel' ? tablesOf(defenderTables) : []),
    ...(kind !== 'defender' ? tablesOf(sentinelTables) : []),
    ...asimTables(),
  ];
  const openTables = [...(parsers.vendor as string[]), ...(kind !== 'defender' ? [WATCHLIST_ITEMS] : [])];
  const functions = [...(kind !== 'sentinel' ? DEFENDER_FUNCTIONS : []), ...(kind !== 'defender' ? SENTINEL_FUNCTIONS : [])];
  return { tables, openTables, functions };
}

/** `base` plus extra tables (custom `*_CL` tables, event fixtures); extra tables win on name clashes. */
export function withTables(base: Environment, extra: TableSchema[]): Environment {
  if (extra.length === 0) return base;
  const names = new Set(extra.map((t) => t.name));
  return {
    tables: [...extra, ...base.tables.filter((t) => !names.has(t.name))],
    openTables: base.openTables.filter((n) => !names.has(n)),
    functions: base.functions,
  };
}
