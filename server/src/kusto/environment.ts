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
/**
 * Parsers that Sentinel's content deploys as workspace functions under a fixed name, outside the
 * vendor parser list: `Sysmon` (Azure-Sentinel `Parsers/Sysmon`, over the Event table). Their
 * columns are the parser's output, not recorded here: open tables, like the vendor parsers.
 */
const WORKSPACE_PARSERS = ['Sysmon'];

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
  const tables = [...tablesFor(kind), ...asimTables()];
  const openTables = [...(parsers.vendor as string[]), ...(kind !== 'defender' ? [...WORKSPACE_PARSERS, WATCHLIST_ITEMS] : [])];
  const functions = [...(kind !== 'sentinel' ? DEFENDER_FUNCTIONS : []), ...(kind !== 'defender' ? SENTINEL_FUNCTIONS : [])];
  return { tables, openTables, functions };
}

function tablesFor(kind: SchemaKind): TableSchema[] {
  if (kind === 'defender') return tablesOf(defenderTables);
  if (kind === 'sentinel') return tablesOf(sentinelTables);
  const workspace = new Map(tablesOf(sentinelTables).map((t) => [t.name, t]));
  const defender = tablesOf(defenderTables).map((table) => inWorkspace(table, workspace.get(table.name)));
  const names = new Set(defender.map((t) => t.name));
  return [...defender, ...[...workspace.values()].filter((t) => !names.has(t.name))];
}

/**
 * A Defender XDR table as a Sentinel workspace holds it: Defender's columns (its types win where
 * the products disagree), then the columns the Log Analytics reference documents for the same
 * table that Defender lacks: TimeGenerated, TenantId, Type, SourceSystem, MachineGroup, ….
 * Names are case-sensitive: where the products spell a column differently (Isp, ISP) both
 * spellings are documented and both are kept. A table Log Analytics does not document is
 * Defender's alone.
 */
function inWorkspace(defender: TableSchema, workspace: TableSchema | undefined): TableSchema {
  if (!workspace) return defender;
  const known = new Set(defender.columns.map((c) => c.name));
  return { name: defender.name, columns: [...defender.columns, ...workspace.columns.filter((c) => !known.has(c.name))] };
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
