// `npm run bench:events`: how fast sample events load, and in how much memory.
//
// Generates (once, into the git-ignored bench/.data) 1M synthetic DeviceProcessEvents as JSON
// Lines with every Defender column (about 3 KB per event, 3 GB in all) and 100k as CSV, then
// measures each load in a fresh child process so that each peak RSS is its own:
//   - 1M JSONL, the seed query's columns (streamed, only those kept);
//   - 1M JSONL of 15 columns (about 650 MB, the size of the brief's JSON.parse/DuckDB comparison), the seed's columns;
//   - 1M JSONL, all 69 columns (streamed);
//   - 100k JSONL read whole and lazily, the seed's columns decoded (the fixture path);
//   - 100k CSV, all columns decoded.
// Wall time depends on the machine's load: the CPU time is printed too.
//
//   npm run bench:events                 all measurements
//   npm run bench:events -- --only csv   one of: seed, narrow, all, lazy, csv

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readJsonLines } from '../server/src/events';
import { readEventFile } from '../server/src/events/files';
import { DEVICE_PROCESS_EVENTS_SCHEMA, eventStream, writeEventsJsonl, writeLines } from './generate-events';

const DATA = join(__dirname, '.data');
const JSONL_1M = join(DATA, 'events-1m.jsonl');
const JSONL_1M_NARROW = join(DATA, 'events-1m-narrow.jsonl');
const JSONL_100K = join(DATA, 'events-100k.jsonl');
const CSV_100K = join(DATA, 'events-100k.csv');
const SEED = 1;

/** The DeviceProcessEvents columns the seed detection reads. */
export const SEED_COLUMNS = ['Timestamp', 'DeviceName', 'AccountName', 'FileName', 'ProcessCommandLine', 'FolderPath', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine'];
/** A narrower export (about 650 bytes an event, like a hunting query's projected output): the seed's columns and a few more. */
const NARROW_COLUMNS = [...SEED_COLUMNS, 'DeviceId', 'ActionType', 'SHA256', 'AccountDomain', 'ProcessId', 'InitiatingProcessId', 'ReportId'];

type Measurement = 'seed' | 'all' | 'narrow' | 'lazy' | 'csv';

interface Figures {
  label: string;
  rows: number;
  problems: number;
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
}

/** Runs in the child: one load, then its figures as JSON on stdout. */
function measure(which: Measurement): Figures {
  const started = Date.now();
  const cpu = process.cpuUsage();
  let label: string;
  let rows: number;
  let problems: number;
  if (which === 'seed' || which === 'all') {
    const columns = which === 'seed' ? SEED_COLUMNS : DEVICE_PROCESS_EVENTS_SCHEMA.map((c) => c.name);
    const result = readEventFile(JSONL_1M, { schema: DEVICE_PROCESS_EVENTS_SCHEMA, columns });
    label = `1M JSONL (${size(JSONL_1M)}), ${columns.length} columns, streamed`;
    rows = result.table.rowCount;
    problems = result.problems.length;
  } else if (which === 'narrow') {
    const result = readEventFile(JSONL_1M_NARROW, { schema: DEVICE_PROCESS_EVENTS_SCHEMA, columns: SEED_COLUMNS });
    label = `1M JSONL of ${NARROW_COLUMNS.length} columns (${size(JSONL_1M_NARROW)}), ${SEED_COLUMNS.length} columns, streamed`;
    rows = result.table.rowCount;
    problems = result.problems.length;
  } else if (which === 'lazy') {
    const result = readJsonLines(readFileSync(JSONL_100K), JSONL_100K, { schema: DEVICE_PROCESS_EVENTS_SCHEMA });
    for (const name of SEED_COLUMNS) result.table.column(name);
    label = `100k JSONL (${size(JSONL_100K)}), read whole, ${SEED_COLUMNS.length} columns decoded`;
    rows = result.table.rowCount;
    problems = result.problems.length;
  } else {
    const result = readCsv(readFileSync(CSV_100K), CSV_100K, { schema: DEVICE_PROCESS_EVENTS_SCHEMA });
    for (const column of result.table.schema) result.table.column(column.name);
    label = `100k CSV (${size(CSV_100K)}), all ${result.table.schema.length} columns decoded`;
    rows = result.table.rowCount;
    problems = result.problems.length;
  }
  const used = process.cpuUsage(cpu);
  return { label, rows, problems, wallMs: Date.now() - started, cpuMs: (used.user + used.system) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

function size(path: string): string {
  const bytes = statSync(path).size;
  return bytes > 1 << 30 ? `${(bytes / (1 << 30)).toFixed(2)} GiB` : `${(bytes / (1 << 20)).toFixed(0)} MiB`;
}

function ensureData(): void {
  mkdirSync(DATA, { recursive: true });
  if (!existsSync(JSONL_1M)) {
    console.log('generating 1M events (JSONL, about 3 GB; once) ...');
    writeEventsJsonl(1_000_000, SEED, JSONL_1M);
  }
  if (!existsSync(JSONL_1M_NARROW)) writeEventsJsonl(1_000_000, SEED, JSONL_1M_NARROW, NARROW_COLUMNS);
  if (!existsSync(JSONL_100K)) writeEventsJsonl(100_000, SEED, JSONL_100K);
  if (!existsSync(CSV_100K)) writeEventsCsv(100_000, SEED, CSV_100K);
}

/** The same events as an Advanced Hunting CSV export: header row, quoted where needed. */
function writeEventsCsv(count: number, seed: number, out: string): void {
  const names = DEVICE_PROCESS_EVENTS_SCHEMA.map((c) => c.name);
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  writeLines(out, (function* () {
    yield names.join(',') + '\r\n';
    for (const event of eventStream(count, seed)) yield names.map((name) => quote(event[name])).join(',') + '\r\n';
  })());
}

function main(): void {
  const args = process.argv.slice(2);
  const child = args.indexOf('--measure');
  if (child >= 0) {
    process.stdout.write(JSON.stringify(measure(args[child + 1] as Measurement)));
    return;
  }
  ensureData();
  const only = args.indexOf('--only');
  const which: Measurement[] = only >= 0 ? [args[only + 1] as Measurement] : ['seed', 'narrow', 'all', 'lazy', 'csv'];
  for (const measurement of which) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', __filename, '--measure', measurement], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) {
      console.log(`${measurement}: failed (${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    const f = JSON.parse(run.stdout) as Figures;
    const rate = f.rows / (f.wallMs / 1000);
    console.log(`${f.label}: ${f.rows} rows in ${(f.wallMs / 1000).toFixed(2)} s wall (${(f.cpuMs / 1000).toFixed(2)} s CPU), ${Math.round(rate).toLocaleString('en')} rows/s, peak RSS ${Math.round(f.peakRssMiB)} MiB, ${f.problems} problem(s)`);
  }
}

main();
