// Our overhead over bare Kusto, in process, warm: against KustoCode.ParseAndAnalyze + GetDiagnostics
// of the same whole text, the facade (analyzeDocument: block split, analysis, diagnostics) and the
// whole pipeline the server runs (lintDocument: the facade plus the detection rules).

import { performance } from 'node:perf_hooks';
import { analyzeDocument } from '../server/src/kusto/analyze';
import { environmentFor } from '../server/src/kusto/environment';
import { globalStateFor } from '../server/src/kusto/globals';
import { kusto } from '../server/src/kusto/load';
import { lintDocument } from '../server/src/rules/lint';
import { loadCorpus, ms, percentile, SEED } from './lsp-common';

const REPEATS = 20;
const SAMPLE = 200;

function timeOf(run: () => void, repeats: number): number {
  run();
  const started = performance.now();
  for (let i = 0; i < repeats; i++) run();
  return (performance.now() - started) / repeats;
}

function main() {
  const environment = environmentFor('both');
  const globals = globalStateFor(environment);
  const bare = (text: string) => () => kusto().KustoCode.ParseAndAnalyze(text, globals).GetDiagnostics();
  const facade = (text: string) => () => analyzeDocument(text, environment).diagnostics;
  const ours = (text: string) => () => lintDocument(text, environment).findings;

  const seedBare = timeOf(bare(SEED), REPEATS);
  const seedFacade = timeOf(facade(SEED), REPEATS);
  const seedOurs = timeOf(ours(SEED), REPEATS);
  console.log(
    `seed: bare ParseAndAnalyze ${ms(seedBare)}; analyzeDocument ${ms(seedFacade)} (${(seedFacade / seedBare).toFixed(2)}×); lintDocument ${ms(seedOurs)} (${(seedOurs / seedBare).toFixed(2)}×)`,
  );

  const corpus = loadCorpus().filter((q) => !q.is_command);
  const step = Math.max(1, Math.floor(corpus.length / SAMPLE));
  const sample = corpus.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  let bareTotal = 0;
  let facadeTotal = 0;
  let oursTotal = 0;
  const ratios: number[] = [];
  for (const { query } of sample) {
    const b = timeOf(bare(query), 3);
    facadeTotal += timeOf(facade(query), 3);
    const o = timeOf(ours(query), 3);
    bareTotal += b;
    oursTotal += o;
    ratios.push(o / b);
  }
  console.log(
    `corpus sample (${sample.length} queries): total bare ${ms(bareTotal)}; analyzeDocument ${ms(facadeTotal)} (${(facadeTotal / bareTotal).toFixed(2)}×); ` +
      `lintDocument ${ms(oursTotal)} (${(oursTotal / bareTotal).toFixed(2)}×), per-query lintDocument ratio p50 ${percentile(ratios, 50).toFixed(2)}×, p95 ${percentile(ratios, 95).toFixed(2)}×`,
  );
}

main();
