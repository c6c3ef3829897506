// Shares one string among equal cells, found by their bytes. Event columns such as DeviceName,
// FileName, FolderPath or AccountName repeat a few thousand values across a million rows: a
// repeat is answered from a small hash table without decoding it (no UTF-8 decoding, no JSON
// unescaping, no new string), which saves time, memory and garbage-collector work (every kept
// string is copied out of the young generation). A column whose values rarely repeat (command
// lines) stops being interned after a sample.

const SAMPLE = 10_000;
/** Below this share of repeats among the first SAMPLE values, interning a column is not worth it. */
const MIN_HIT_RATE = 0.5;
const MAX_ENTRIES = 1 << 16;

export class Interner {
  private keys: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(1024);
  private texts: string[] = new Array<string>(1024);
  private mask = 1023;
  private size = 0;
  private seen = 0;
  private hits = 0;
  private enabled = true;
  private slot = 0;

  /** The string remembered for bytes [start, end), or undefined (then call `remember` with it). */
  lookup(bytes: Uint8Array, start: number, end: number): string | undefined {
    if (!this.enabled) return undefined;
    this.seen++;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    let slot = hash & this.mask;
    for (let key = this.keys[slot]; key !== undefined; key = this.keys[slot]) {
      if (sameBytes(key, bytes, start, end)) {
        this.hits++;
        return this.texts[slot];
      }
      slot = (slot + 1) & this.mask;
    }
    this.slot = slot;
    return undefined;
  }

  /** Remembers `text` for the bytes the last `lookup` missed. */
  remember(bytes: Uint8Array, start: number, end: number, text: string): void {
    if (!this.enabled) return;
    if (this.seen >= SAMPLE && this.hits < this.seen * MIN_HIT_RATE) {
      this.enabled = false;
      this.keys = [];
      this.texts = [];
      return;
    }
    if (this.size >= MAX_ENTRIES) return;
    // A copy: the bytes may be a block buffer that the streaming reader refills (Buffer#slice is a view).
    this.keys[this.slot] = Uint8Array.prototype.slice.call(bytes, start, end);
    this.texts[this.slot] = text;
    if (++this.size * 2 > this.keys.length) this.grow();
  }

  private grow(): void {
    const keys = this.keys;
    const texts = this.texts;
    this.keys = new Array<Uint8Array | undefined>(keys.length * 2);
    this.texts = new Array<string>(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      let hash = 0x811c9dc5;
      for (let j = 0; j < key.length; j++) hash = Math.imul(hash ^ key[j], 0x01000193);
      let slot = hash & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.texts[slot] = texts[i];
    }
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
  return true;
}
