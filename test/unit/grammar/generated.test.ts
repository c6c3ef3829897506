import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');

test('the committed grammar JSON is exactly what the YAML source generates', () => {
  const generated = spawnSync(process.execPath, [join(root, 'scripts', 'build-grammar.mjs'), '--stdout'], { encoding: 'utf8' });
  assert.equal(generated.status, 0, generated.stderr);
  const committed = readFileSync(join(root, 'syntaxes', 'kql.tmLanguage.json'), 'utf8');
  assert.ok(
    committed === generated.stdout,
    'syntaxes/kql.tmLanguage.json is stale: run `npm run build:grammar` and commit the result',
  );
});

test('the generated grammar has no unexpanded {{variables}} left', () => {
  const committed = readFileSync(join(root, 'syntaxes', 'kql.tmLanguage.json'), 'utf8');
  assert.doesNotMatch(committed, /\{\{\w+\}\}/);
  assert.ok(!('variables' in JSON.parse(committed)));
});
