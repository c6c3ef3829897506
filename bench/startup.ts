// Start-up, as ratios against the floor of loading Kusto.Language the plain way, all in one run:
//   bare:   a script that loads Kusto.Language and runs one ParseAndAnalyze with the default globals
//   lint:   `kql-detect lint` on the seed (dist/cli.js, with its start-up snapshot when built)
//   server: the language server's cold start to the seed's first diagnostics
// Medians of 5, taken in turns, whole process: wall time and CPU time (user + system, children
// included), since on a shared machine wall time mostly measures the wait for a core.
// Run after `npm run build` (`npm run bench:startup` does).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { TestClient } from '../test/lsp/client';
import { ms, percentile, SEED } from './lsp-common';

const RUNS = 5;
const SEED_FILE = 'examples/rmm/remote-desktop-software.kql';
const BARE = `
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
const K = globalThis.Kusto.Language;
K.KustoCode.ParseAndAnalyze(require('node:fs').readFileSync(${JSON.stringify(SEED_FILE)}, 'utf8'), K.GlobalState.Default).GetDiagnostics();
`;

interface Sample {
  wall: number;
  cpu: number;
}

/** A whole process under GNU time: its wall time and the CPU time of it and its children. */
function timed(args: string[]): Sample {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  const [wall, user, system] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: wall * 1000, cpu: (user + system) * 1000 };
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, in clock ticks (100 per second); worker threads are part of the process.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function serverColdStart(): Promise<Sample> {
  const started = performance.now();
  const client = await TestClient.start();
  const uri = 'file:///bench/seed.kql';
  client.open(uri, SEED);
  await client.diagnosticsFor(uri);
  const sample = { wall: performance.now() - started, cpu: cpuMs(client.process.pid!) };
  await client.stop();
  return sample;
}

async function main() {
  const samples: Record<'bare' | 'lint' | 'server', Sample[]> = { bare: [], lint: [], server: [] };
  const load = loadavg()[0];
  for (let i = 0; i < RUNS; i++) {
    samples.bare.push(timed(['-e', BARE]));
    samples.lint.push(timed(['dist/cli.js', 'lint', SEED_FILE]));
    samples.server.push(await serverColdStart());
  }
  const median = (name: keyof typeof samples, field: keyof Sample) => percentile(samples[name].map((s) => s[field]), 50);
  console.log(`start-up, medians of ${RUNS} (load average ${load.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)`);
  for (const name of ['bare', 'lint', 'server'] as const) {
    const ratio = (field: keyof Sample) => (median(name, field) / median('bare', field)).toFixed(2);
    console.log(`  ${name.padEnd(6)} wall ${ms(median(name, 'wall')).padStart(8)} (${ratio('wall')}×)   CPU ${ms(median(name, 'cpu')).padStart(8)} (${ratio('cpu')}×)`);
  }
}

void main();
