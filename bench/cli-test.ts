// Time of `kql-detect test examples/` as a user runs it: a fresh process each time, so the
// figures include starting Node and loading Kusto.Language. Target: ≤ 2 s wall time.
// The process's own CPU time is reported too (see cli-timing.ts).
//
//   npm run bench:cli            (builds dist/cli.js first)

import { cliTimer, median } from './cli-timing';

const RUNS = 5;
const TARGET_SECONDS = 2;
const timer = cliTimer();

const runs = Array.from({ length: RUNS }, () => timer.time(['test', 'examples/']));
const startup = timer.time(['--version']);
timer.dispose();
const wall = median(runs.map((r) => r.wall));
console.log(`kql-detect test examples/  (${RUNS} runs, each a new process)`);
console.log(`  wall: median ${wall.toFixed(2)} s, min ${Math.min(...runs.map((r) => r.wall)).toFixed(2)} s, max ${Math.max(...runs.map((r) => r.wall)).toFixed(2)} s   target ≤ ${TARGET_SECONDS} s`);
console.log(`  cpu:  median ${median(runs.map((r) => r.cpu)).toFixed(2)} s (user + system of the kql-detect process)`);
console.log(`  process start and bundle load alone (kql-detect --version): wall ${startup.wall.toFixed(2)} s, cpu ${startup.cpu.toFixed(2)} s`);
console.log(wall <= TARGET_SECONDS ? '  within target' : '  over target');
