// The editor features never throw on real queries: completion, quick info, formatting and
// classification over a spread sample of the corpus, at several caret positions per query.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import { blockAt } from '../../../server/src/kusto/blocks';
import { environmentFor } from '../../../server/src/kusto/environment';
import { classify } from '../../../server/src/kusto/service/classifications';
import { completionsAt } from '../../../server/src/kusto/service/completion';
import { formatDocument } from '../../../server/src/kusto/service/formatting';
import { quickInfoAt } from '../../../server/src/kusto/service/quickInfo';

const SAMPLE = 120;

const corpus = readFileSync(join(__dirname, '..', '..', '..', 'data', 'kql-corpus', 'queries.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as { id: string; query: string; is_command: boolean })
  .filter((entry) => !entry.is_command);

const step = Math.floor(corpus.length / SAMPLE);
const sample = Array.from({ length: SAMPLE }, (_, i) => corpus[i * step]);

test('completion, quick info, formatting and classification hold on real queries', () => {
  const environment = environmentFor('both');
  for (const { id, query } of sample) {
    const analysis = analyzeDocument(query, environment);
    for (const offset of [0, Math.floor(query.length / 3), Math.floor((2 * query.length) / 3), query.length]) {
      const block = blockAt(analysis.blocks, offset);
      if (!block) continue;
      const list = completionsAt(block, offset);
      assert.ok(list.start <= offset && offset <= list.end && list.end <= query.length, `${id}: completion span ${list.start}-${list.end} at ${offset}`);
      const info = quickInfoAt(block, offset);
      if (info) assert.ok(info.start <= info.end && info.end <= query.length, `${id}: quick info span`);
    }
    for (const change of formatDocument(analysis, { indentSize: 4 })) {
      assert.ok(0 <= change.start && change.start <= change.end && change.end <= query.length, `${id}: formatting change`);
    }
    for (const block of analysis.blocks) {
      for (const span of classify(block)) assert.ok(block.start <= span.start && span.end <= block.end, `${id}: classification ${span.kind}`);
    }
  }
});
