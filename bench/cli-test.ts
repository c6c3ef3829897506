// Time of `kql-detect test examples/` as a user runs it: a fresh process each time, so the
// figures include starting Node and loading Kusto.Language. Target: ≤ 2 s wall time.
// Wall time depends on what else the machine is doing, so the process's own CPU time (user +
// system) is reported too: on an idle machine, wall time is close to it.
//
//   npm run bench:cli            (builds dist/cli.js first)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = 5;
const TARGET_SECONDS = 2;
const cli = resolve('dist/cli.js');
// Preloaded into the CLI's process with --require: prints the process's CPU time when it exits.
const scratch = mkdtempSync(join(tmpdir(), 'kql-detect-bench-'));
const reportCpu = join(scratch, 'report-cpu.cjs');
writeFileSync(reportCpu, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n'); });\n");

interface Timing {
  wall: number;
  cpu: number;
}

function timeOnce(args: string[]): Timing {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', reportCpu, cli, ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`kql-detect ${args.join(' ')} exited ${run.status}:\n${run.stdout}${run.stderr}`);
  const cpu = /cpu-us (\d+)/.exec(run.stderr);
  if (!cpu) throw new Error('the CPU time report is missing');
  return { wall, cpu: Number(cpu[1]) / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const runs = Array.from({ length: RUNS }, () => timeOnce(['test', 'examples/']));
const startup = timeOnce(['--version']);
rmSync(scratch, { recursive: true, force: true });
const wall = median(runs.map((r) => r.wall));
console.log(`kql-detect test examples/  (${RUNS} runs, each a new process)`);
console.log(`  wall: median ${wall.toFixed(2)} s, min ${Math.min(...runs.map((r) => r.wall)).toFixed(2)} s, max ${Math.max(...runs.map((r) => r.wall)).toFixed(2)} s   target ≤ ${TARGET_SECONDS} s`);
console.log(`  cpu:  median ${median(runs.map((r) => r.cpu)).toFixed(2)} s (user + system of the kql-detect process)`);
console.log(`  process start and bundle load alone (kql-detect --version): wall ${startup.wall.toFixed(2)} s, cpu ${startup.cpu.toFixed(2)} s`);
console.log(wall <= TARGET_SECONDS ? '  within target' : '  over target');
