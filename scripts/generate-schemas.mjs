// Generates server/src/kusto/schemas/*.json from the table schemas in data/schemas.
// Output is compact ("Column:type,…" per table) because the server bundles it.
// Run: node scripts/generate-schemas.mjs [data/schemas] [output folder]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2] ?? 'data/schemas';
const target = process.argv[3] ?? 'server/src/kusto/schemas';

function readTables(folder) {
  const tables = {};
  for (const file of readdirSync(join(source, folder)).filter((f) => f.endsWith('.json')).sort()) {
    const table = JSON.parse(readFileSync(join(source, folder, file), 'utf8'));
    tables[table.name] = table.columns.map((c) => `${c.name}:${c.type}`).join(',');
  }
  return tables;
}

function write(name, value) {
  writeFileSync(join(target, name), JSON.stringify(value, null, 0).replace(/","/g, '",\n"') + '\n');
}

write('defender.json', readTables('defender-xdr'));
write('sentinel.json', readTables('log-analytics'));
write('asim.json', readTables('_asim'));

const functions = JSON.parse(readFileSync(join(source, '_functions.json'), 'utf8'));
write('parsers.json', {
  asim: Object.fromEntries(functions.asim_functions.map((f) => [f.name, f.schema]).sort()),
  vendor: functions.vendor_parsers.map((f) => f.name).sort(),
});
console.log(`schemas written to ${target}`);
