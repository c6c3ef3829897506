// The closest-name search skips candidates that cannot beat the best so far and remembers its
// answers; both must leave the answers exactly as a plain search over every strong binary gives them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { byPrevalence, bundledCatalog, Catalog, type CatalogFamily, type Suggestion } from '../../../server/src/catalog/catalog';
import { LruCache } from '../../../server/src/catalog/lru';

const CORPUS = 'data/kql-corpus/queries.jsonl';

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The definition: every strong binary, full distances, the more common family on a tie. */
function referenceClosest(families: readonly CatalogFamily[], name: string): Suggestion | undefined {
  const target = name.toLowerCase();
  const bare = target.replace(/[^a-z0-9]/g, '');
  const limit = Math.max(1, Math.floor(target.length / 8));
  let best: Suggestion | undefined;
  for (const family of families) {
    for (const binary of family.binaries) {
      if (binary === target) continue;
      const distance = Math.min(levenshtein(target, binary), levenshtein(bare, binary.replace(/[^a-z0-9]/g, '')) + 0.5);
      if (distance > limit) continue;
      if (!best || distance < best.distance || (distance === best.distance && byPrevalence(family, best.family) < 0)) best = { binary, family, distance };
    }
  }
  return best;
}

/** Near misses of every sixth catalog name: one character dropped, doubled or changed, or the punctuation removed. */
function nearMisses(families: readonly CatalogFamily[]): string[] {
  const mutations = [
    (b: string, at: number) => b.slice(0, at) + b.slice(at + 1),
    (b: string, at: number) => b.slice(0, at) + b[at] + b.slice(at),
    (b: string, at: number) => b.slice(0, at) + 'x' + b.slice(at + 1),
    (b: string) => b.replace(/[_\-. ]/g, '') + '.exe',
  ];
  const binaries = families.flatMap((f) => f.binaries).filter((_, i) => i % 6 === 0);
  return binaries.map((binary, i) => mutations[i % mutations.length](binary, Math.floor(binary.length / 2)));
}

/** Every eighth distinct `….exe` name of the corpus: names real detections use. */
function corpusNames(): string[] {
  const names = new Set([...readFileSync(CORPUS, 'utf8').matchAll(/[\w.-]{1,60}\.exe/gi)].map((m) => m[0]));
  return [...names].sort().filter((_, i) => i % 8 === 0);
}

test('the closest name is the one a search over every strong binary finds', () => {
  const catalog = bundledCatalog();
  const names = [...nearMisses(catalog.families), ...corpusNames(), 'ammyyadmin.exe', 'splashtopremote.exe', 'chrome_remote_desktop.exe', 'AnyDesk.EXE', 'x', ''];
  let suggested = 0;
  for (const name of names) {
    const expected = referenceClosest(catalog.families, name);
    assert.deepEqual(catalog.closest(name), expected, name);
    // Asked again (from the cache), the answer is the same.
    assert.deepEqual(catalog.closest(name), expected, `${name} (again)`);
    if (expected) suggested++;
  }
  assert.ok(suggested > 80, `only ${suggested} of ${names.length} names had a suggestion`);
});

test('a tie goes to the more common family, whichever binary comes first', () => {
  const family = (id: string, rank: number, binaries: string[]): CatalogFamily => ({ id, name: id, category: 'rmm', binaries, weakBinaries: [], patterns: [], installPaths: [], signers: [], domains: [], rank });
  const catalog = new Catalog([family('aaa', 9, ['toolb.exe']), family('zzz', 1, ['toola.exe'])]);
  assert.equal(catalog.closest('toolc.exe')?.family.id, 'zzz');
});

test('the cache keeps the most recently used answers, up to its capacity', () => {
  const cache = new LruCache<string, number>(2);
  let computed = 0;
  const length = (key: string) => cache.get(key, (k) => (computed++, k.length));
  assert.equal(length('a'), 1);
  assert.equal(length('bb'), 2);
  assert.equal(length('a'), 1); // 'a' is now the most recent
  assert.equal(computed, 2);
  assert.equal(length('ccc'), 3); // evicts 'bb', the least recent
  assert.equal(cache.size, 2);
  assert.equal(length('a'), 1);
  assert.equal(computed, 3);
  assert.equal(length('bb'), 2);
  assert.equal(computed, 4);
});
