// Shared by the language-server benchmarks: inputs and simple statistics.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/lsp/client';

export const SEED = readFileSync(join(REPO_ROOT, 'examples', 'rmm', 'remote-desktop-software.kql'), 'utf8');

export interface CorpusQuery {
  id: string;
  query: string;
  is_command: boolean;
  category: string;
}

export function loadCorpus(): CorpusQuery[] {
  return readFileSync(join(REPO_ROOT, 'data', 'kql-corpus', 'queries.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusQuery);
}

/** The longest query of the corpus (by characters). */
export function largestQuery(corpus: CorpusQuery[]): CorpusQuery {
  return corpus.reduce((a, b) => (b.query.length > a.query.length ? b : a));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
