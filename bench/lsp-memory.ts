// Server memory: resident set size of dist/server.js with 100 corpus queries open and analysed.

import { readFileSync } from 'node:fs';
import { TestClient } from '../test/lsp/client';
import { loadCorpus } from './lsp-common';

const OPEN = 100;

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kilobytes / 1024;
}

async function main() {
  const corpus = loadCorpus().filter((q) => !q.is_command);
  const step = Math.floor(corpus.length / OPEN);
  const queries = Array.from({ length: OPEN }, (_, i) => corpus[i * step]);
  const client = await TestClient.start({ settings: () => ({ schema: 'both' }) });
  const pid = client.process.pid!;
  const uri = 'file:///bench/warm.kql';
  client.open(uri, 'DeviceProcessEvents | take 1');
  await client.diagnosticsFor(uri);
  const idle = rssMegabytes(pid);
  const uris = queries.map((q, i) => {
    const documentUri = `file:///bench/corpus-${i}.kql`;
    client.open(documentUri, q.query);
    return documentUri;
  });
  await Promise.all(uris.map((u) => client.diagnosticsFor(u)));
  // Completion and hover hold Kusto's code service per block: exercise them too.
  for (const u of uris) await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 1 } });
  const loaded = rssMegabytes(pid);
  console.log(`server RSS: ${idle.toFixed(0)} MB after start (schema "both"), ${loaded.toFixed(0)} MB with ${OPEN} corpus queries open and analysed`);
  await client.stop();
}

void main();
