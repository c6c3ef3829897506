// Shared by the CLI benchmarks: runs `kql-detect` in a new process, as a user or CI does, and
// reports its wall time and its own CPU time (user + system). Wall time depends on what else the
// machine is doing; on an idle machine it is close to the CPU time.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Timing {
  wall: number;
  cpu: number;
  stdout: string;
}

export interface CliTimer {
  time(args: string[]): Timing;
  dispose(): void;
}

export function cliTimer(): CliTimer {
  const cli = resolve('dist/cli.js');
  // Preloaded into the CLI's process with --require: prints the process's CPU time when it exits.
  const scratch = mkdtempSync(join(tmpdir(), 'kql-detect-bench-'));
  const reportCpu = join(scratch, 'report-cpu.cjs');
  writeFileSync(reportCpu, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n'); });\n");
  return {
    time(args) {
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, ['--require', reportCpu, cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (run.status !== 0) throw new Error(`kql-detect ${args.join(' ')} exited ${run.status}:\n${run.stdout}${run.stderr}`);
      const cpu = /cpu-us (\d+)/.exec(run.stderr);
      if (!cpu) throw new Error('the CPU time report is missing');
      return { wall, cpu: Number(cpu[1]) / 1e6, stdout: run.stdout };
    },
    dispose: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
