// The seed detection (examples/rmm/remote-desktop-software.kql) written for DuckDB, as the peer
// that bench/events-run.ts measures `kql-detect run` against. Plain JavaScript, so the child
// process pays no TypeScript loader.
//
//   node bench/duckdb-seed.mjs <events.jsonl> <out.csv> <now ISO datetime>
//
// KQL `has` is term matching: a term is a run of ASCII letters and digits, matched without case.
// Here each needle becomes a regex bounded by start/end or a non-term character on both sides.

import { DuckDBInstance } from '@duckdb/node-api';
import { seedFamilies, seedList, seedTempPaths } from './seed-lists.mjs';

const RMM_TOOLS = seedList('RMMTools');
const SUSPICIOUS_PARENTS = seedList('SuspiciousParents');
const TEMP_PATHS = seedTempPaths();
const FAMILIES = seedFamilies();

const sql = (text) => `'${text.replaceAll("'", "''")}'`;
const escapeRegex = (text) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** `column has_any (needles)`: each needle's outer ends on a term boundary. */
function hasAny(column, needles) {
  const edge = (needle, at) => (/[a-z0-9]/i.test(at === 'start' ? needle[0] : needle[needle.length - 1]) ? (at === 'start' ? '(^|[^a-z0-9])' : '($|[^a-z0-9])') : '');
  const alternatives = needles.map((n) => `${edge(n, 'start')}${escapeRegex(n.toLowerCase())}${edge(n, 'end')}`);
  return `regexp_matches(lower(${column}), ${sql(alternatives.join('|'))})`;
}

const [file, out, now] = process.argv.slice(2);
const columns = {
  Timestamp: 'TIMESTAMP_NS', DeviceName: 'VARCHAR', AccountName: 'VARCHAR', FileName: 'VARCHAR', ProcessCommandLine: 'VARCHAR',
  FolderPath: 'VARCHAR', InitiatingProcessFileName: 'VARCHAR', InitiatingProcessCommandLine: 'VARCHAR',
};
const columnSpec = `{${Object.entries(columns).map(([name, type]) => `${name}: '${type}'`).join(', ')}}`;
const query = `
COPY (
  SELECT Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine, FolderPath, InitiatingProcessFileName, InitiatingProcessCommandLine,
    CASE ${FAMILIES.map(([needles, family]) => `WHEN ${hasAny('FileName', needles)} THEN ${sql(family)}`).join(' ')} ELSE 'Other' END AS ToolFamily,
    ${hasAny('InitiatingProcessFileName', SUSPICIOUS_PARENTS)} AS SuspiciousParent,
    ${hasAny('FolderPath', TEMP_PATHS)} AS FromTempPath,
    NOT starts_with(lower(FolderPath), ${sql('c:\\program files')}) AND NOT starts_with(lower(FolderPath), ${sql('c:\\program files (x86)')}) AS IsPortable
  FROM read_json(${sql(file)}, format = 'newline_delimited', columns = ${columnSpec})
  WHERE Timestamp > TIMESTAMP_NS ${sql(now.replace('T', ' ').replace('Z', ''))} - INTERVAL 24 HOUR
    AND ${hasAny('FileName', RMM_TOOLS)}
  ORDER BY Timestamp DESC
) TO ${sql(out)} (FORMAT csv, HEADER)`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(query);
