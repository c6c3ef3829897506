// Wall time of `kql-detect test examples/` as a user runs it: a fresh process each time, so the
// figure includes starting Node and loading Kusto.Language. Target: ≤ 2 s.
//
//   npm run bench:cli            (builds dist/cli.js first)

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const RUNS = 5;
const TARGET_SECONDS = 2;
const cli = resolve('dist/cli.js');

function timeOnce(): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, 'test', 'examples/'], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`kql-detect test exited ${run.status}:\n${run.stdout}${run.stderr}`);
  return seconds;
}

function timeStartup(): number {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, [cli, '--version']);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const times = Array.from({ length: RUNS }, timeOnce).sort((a, b) => a - b);
const startup = timeStartup();
const median = times[Math.floor(RUNS / 2)];
console.log(`kql-detect test examples/  (${RUNS} runs, each a new process)`);
console.log(`  median ${median.toFixed(2)} s   min ${times[0].toFixed(2)} s   max ${times[RUNS - 1].toFixed(2)} s   target ≤ ${TARGET_SECONDS} s`);
console.log(`  of which process start and bundle load (kql-detect --version): ${startup.toFixed(2)} s`);
console.log(median <= TARGET_SECONDS ? '  within target' : '  OVER TARGET');
