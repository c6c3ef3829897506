// A small least-recently-used cache for pure lookups (same key, same answer), so that re-analysing a
// document after an edit does not redo work for the names and expressions the edit left alone.
// Bounded, so a long editing session or a large corpus cannot grow it without limit.

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The cached answer for `key`, or `compute(key)` stored as the most recently used entry. */
  get(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      // Re-insert so Map's insertion order keeps the least recently used entry first.
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
