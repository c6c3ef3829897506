import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interner } from '../../../server/src/events/interner';

/** The interner's slot hash (FNV-1a, as interner.ts computes it), to build colliding keys. */
function slot(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash & 1023;
}

describe('Interner', () => {
  it('keeps its own copy of a key: the reader refills its block buffer after a value is remembered', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `f${i.toString(36).padStart(3, '0')}.exe`);
    const first = names[0];
    const second = names.find((name) => name !== first && slot(name) === slot(first))!;
    const interner = new Interner();
    const block = Buffer.from(first);
    assert.equal(interner.lookup(block, 0, block.length), undefined);
    interner.remember(block, 0, block.length, first);
    const other = Buffer.from(second);
    assert.equal(interner.lookup(other, 0, other.length), undefined);
    interner.remember(other, 0, other.length, second);
    block.write(second); // the next block read into the same buffer
    assert.equal(interner.lookup(other, 0, other.length), second);
    assert.equal(interner.lookup(Buffer.from(first), 0, first.length), first);
  });
});
