// `npm run bench:events`: the seed detection over generated DeviceProcessEvents, whole process,
// `kql-detect run` against DuckDB doing the same in the same run.
//
//   kql-detect run examples/rmm/remote-desktop-software.kql --events <file> --now 2026-11-27T12:00:00Z --format csv
//   node bench/duckdb-seed.mjs <file> <out.csv> 2026-11-27T12:00:00Z      (read_json, term-boundary regexes)
//
// The events (16 columns, about 620 bytes each) span the two days before `now`, so half pass
// `Timestamp > ago(24h)` and about 0.2% of all events match. Files are generated once into the
// git-ignored bench/.data. Each command runs `--runs` times (default 3), the two interleaved;
// wall time is the median, CPU (user + system) and peak RSS are those of that median run, read
// by GNU time (Debian package `time`). The machine's load is printed before and after: on a
// shared machine wall time is noisy, CPU time much less so.
//
//   npm run bench:events                       100k, 1M and 3M events
//   npm run bench:events -- --sizes 1m --runs 5
//   npm run bench:events -- --csv              also the same events as an Advanced Hunting CSV export

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { eventStream, writeEventsJsonl, writeLines, type EventWindow } from './generate-events';

const ROOT = join(__dirname, '..');
const DATA = join(__dirname, '.data');
const NOW = '2026-11-27T12:00:00Z';
const WINDOW: EventWindow = { start: '2026-11-25T12:00:00Z', days: 2 };
const DETECTION = join(ROOT, 'examples', 'rmm', 'remote-desktop-software.kql');
/** The seed's eight columns and eight more an export of DeviceProcessEvents commonly carries. */
export const RUN_COLUMNS = [
  'Timestamp', 'DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath', 'SHA256', 'ProcessId', 'ProcessCommandLine',
  'AccountDomain', 'AccountName', 'InitiatingProcessFileName', 'InitiatingProcessId', 'InitiatingProcessCommandLine', 'InitiatingProcessFolderPath', 'ReportId',
];
const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '3m': 3_000_000 };

interface Measured {
  wallS: number;
  cpuS: number;
  peakMiB: number;
  rows: number;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function eventsFile(size: string, format: 'jsonl' | 'csv'): string {
  const file = join(DATA, `run-events-${size}.${format}`);
  if (existsSync(file)) return file;
  console.log(`generating ${file} (once) ...`);
  // Written beside and renamed, so an interrupted run leaves no partial file to be measured.
  const partial = `${file}.partial`;
  if (format === 'jsonl') writeEventsJsonl(SIZES[size], 1, partial, RUN_COLUMNS, WINDOW);
  else writeEventsCsv(SIZES[size], partial);
  renameSync(partial, file);
  return file;
}

/** The same events as an Advanced Hunting CSV export: header row, quoted where needed. */
function writeEventsCsv(count: number, out: string): void {
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  writeLines(out, (function* () {
    yield RUN_COLUMNS.join(',') + '\r\n';
    for (const event of eventStream(count, 1, WINDOW)) yield RUN_COLUMNS.map((name) => quote(event[name])).join(',') + '\r\n';
  })());
}

/** Runs `command` under GNU time; its stdout goes to `out`. */
function timed(command: string[], out: string): Measured {
  const stats = join(DATA, 'time.txt');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', stats, 'sh', '-c', '"$@" > "$0"', out, ...command], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed (${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const [wall, user, system, maxKiB] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  const lines = readFileSync(out, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
  return { wallS: wall, cpuS: user + system, peakMiB: maxKiB / 1024, rows: lines - 1 };
}

function median(runs: Measured[]): Measured {
  return [...runs].sort((a, b) => a.wallS - b.wallS)[Math.floor(runs.length / 2)];
}

function load(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}

function describe(m: Measured): string {
  return `${m.wallS.toFixed(2)} s wall, ${m.cpuS.toFixed(2)} s CPU, ${Math.round(m.peakMiB)} MiB peak, ${m.rows} rows`;
}

function main(): void {
  const args = process.argv.slice(2);
  const sizes = (option(args, '--sizes') ?? '100k,1m,3m').split(',');
  const runs = Number(option(args, '--runs') ?? '3');
  const formats: ('jsonl' | 'csv')[] = args.includes('--csv') ? ['jsonl', 'csv'] : ['jsonl'];
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: npm run build first');
  mkdirSync(DATA, { recursive: true });
  console.log(`load average before: ${load()} (${runs} runs each, median wall)`);
  for (const format of formats) {
    for (const size of sizes) {
      const file = eventsFile(size, format);
      const ours: Measured[] = [];
      const peer: Measured[] = [];
      const oursOut = join(DATA, 'run-out-kql.csv');
      const peerOut = join(DATA, 'run-out-duckdb.csv');
      for (let i = 0; i < runs; i++) {
        ours.push(timed([process.execPath, 'dist/cli.js', 'run', DETECTION, '--events', file, '--now', NOW, '--format', 'csv'], oursOut));
        if (format === 'jsonl') {
          if (existsSync(peerOut)) unlinkSync(peerOut);
          const m = timed([process.execPath, 'bench/duckdb-seed.mjs', file, peerOut, NOW], join(DATA, 'duckdb-stdout.txt'));
          m.rows = readFileSync(peerOut, 'utf8').split('\n').filter((line) => line.trim() !== '').length - 1;
          peer.push(m);
        }
      }
      const a = median(ours);
      const bytes = statSync(file).size / (1 << 20);
      console.log(`${size} events, ${format.toUpperCase()} (${bytes.toFixed(0)} MiB):`);
      console.log(`  kql-detect run  ${describe(a)}`);
      if (peer.length > 0) {
        const b = median(peer);
        console.log(`  DuckDB          ${describe(b)}`);
        console.log(`  ratio           ${(a.wallS / b.wallS).toFixed(2)}x wall, ${(a.cpuS / b.cpuS).toFixed(2)}x CPU, ${(a.peakMiB / b.peakMiB).toFixed(2)}x peak RSS${a.rows === b.rows ? '' : `  (row counts differ: ${a.rows} vs ${b.rows})`}`);
      }
    }
  }
  console.log(`load average after: ${load()}`);
}

if (require.main === module) main();
