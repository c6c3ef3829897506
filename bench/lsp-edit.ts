// Warm re-analysis after a one-character edit, through the server: each edit is followed by a
// request that needs the new version's analysis (documentSymbol), so no typing debounce is in the
// figure. Also the time until diagnostics are published, which includes the debounce.

import { performance } from 'node:perf_hooks';
import { TestClient } from '../test/lsp/client';
import { largestQuery, loadCorpus, ms, percentile, SEED } from './lsp-common';

const EDITS = 50;

async function measure(client: TestClient, name: string, text: string): Promise<void> {
  const uri = `file:///bench/${name}.kql`;
  client.open(uri, text);
  await client.diagnosticsFor(uri);
  // Edit inside the text (the end of the first line), toggling one space in and out.
  const at = text.indexOf('\n') > 0 ? text.indexOf('\n') : text.length;
  const variants = [text.slice(0, at) + ' ' + text.slice(at), text];
  const analysis: number[] = [];
  const published: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    let started = performance.now();
    client.change(uri, variants[i % 2]);
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    analysis.push(performance.now() - started);
    started = performance.now();
    client.change(uri, variants[(i + 1) % 2]);
    await client.diagnosticsFor(uri);
    published.push(performance.now() - started);
  }
  console.log(`${name} (${text.length} chars), ${EDITS} one-character edits`);
  console.log(`  re-analysis:          p50 ${ms(percentile(analysis, 50))}, p95 ${ms(percentile(analysis, 95))}`);
  console.log(`  diagnostics published: p50 ${ms(percentile(published, 50))}, p95 ${ms(percentile(published, 95))} (includes the 80 ms typing pause)`);
}

async function main() {
  const largest = largestQuery(loadCorpus());
  const client = await TestClient.start({ settings: () => ({ schema: 'both' }) });
  await measure(client, 'seed', SEED);
  await measure(client, `largest corpus query ${largest.id}`.replace(/[^\w.-]+/g, '-'), largest.query);
  await client.stop();
}

void main();
