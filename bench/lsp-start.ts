// Cold start: spawn dist/server.js, initialize, open the seed, until its diagnostics arrive.
// Run after `npm run build` (`npm run bench:lsp` does).

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TestClient } from '../test/lsp/client';
import { ms, percentile, SEED } from './lsp-common';

const RUNS = 5;

/**
 * CPU time (user + system) the server process has used, in ms: on a busy machine wall time
 * mostly measures the wait for a core, this does not.
 */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function coldStart(): Promise<{ total: number; initialize: number; cpu: number }> {
  const started = performance.now();
  const client = await TestClient.start();
  const initialized = performance.now();
  const uri = 'file:///bench/seed.kql';
  client.open(uri, SEED);
  const diagnostics = await client.diagnosticsFor(uri);
  const total = performance.now() - started;
  const cpu = cpuMs(client.process.pid!);
  if (diagnostics.some((d) => d.severity === 1)) throw new Error('the seed should have no errors');
  await client.stop();
  return { total, initialize: initialized - started, cpu };
}

async function main() {
  const runs: { total: number; initialize: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart());
  const totals = runs.map((r) => r.total);
  console.log(`cold start → first diagnostics for the seed (${RUNS} runs)`);
  console.log(`  runs:    ${totals.map((t) => ms(t)).join(', ')}`);
  console.log(`  median:  ${ms(percentile(totals, 50))} (spawn → initialize answered: median ${ms(percentile(runs.map((r) => r.initialize), 50))})`);
  console.log(`  server CPU time until then: median ${ms(percentile(runs.map((r) => r.cpu), 50))}`);
}

void main();
