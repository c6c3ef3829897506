import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// Schema sources: data/schemas (Microsoft documentation via KQLAnalyzer and sentinelninja; see NOTICE).
test('the committed schemas are exactly what scripts/generate-schemas.mjs writes', () => {
  const out = mkdtempSync(join(tmpdir(), 'kql-schemas-'));
  try {
    execFileSync(process.execPath, ['scripts/generate-schemas.mjs', 'data/schemas', out], { stdio: 'pipe' });
    const committed = 'server/src/kusto/schemas';
    assert.deepEqual(readdirSync(out).sort(), readdirSync(committed).sort());
    for (const file of readdirSync(out)) {
      assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(committed, file), 'utf8'), file);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
