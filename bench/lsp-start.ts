// Cold start: spawn dist/server.js, initialize, open the seed, until its diagnostics arrive.
// Run after `npm run build` (`npm run bench:lsp` does).

import { performance } from 'node:perf_hooks';
import { TestClient } from '../test/lsp/client';
import { ms, percentile, SEED } from './lsp-common';

const RUNS = 5;

async function coldStart(): Promise<{ total: number; initialize: number }> {
  const started = performance.now();
  const client = await TestClient.start();
  const initialized = performance.now();
  const uri = 'file:///bench/seed.kql';
  client.open(uri, SEED);
  const diagnostics = await client.diagnosticsFor(uri);
  const total = performance.now() - started;
  if (diagnostics.some((d) => d.severity === 1)) throw new Error('the seed should have no errors');
  await client.stop();
  return { total, initialize: initialized - started };
}

async function main() {
  const runs: { total: number; initialize: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart());
  const totals = runs.map((r) => r.total);
  console.log(`cold start → first diagnostics for the seed (${RUNS} runs)`);
  console.log(`  runs:    ${totals.map((t) => ms(t)).join(', ')}`);
  console.log(`  median:  ${ms(percentile(totals, 50))} (spawn → initialize answered: median ${ms(percentile(runs.map((r) => r.initialize), 50))})`);
}

void main();
