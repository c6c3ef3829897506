// Shares one string object among equal cell values. Event columns such as DeviceName, FileName or
// AccountName repeat a few thousand values across a million rows; keeping one copy of each saves
// memory and, more so, garbage-collector time (every kept string is copied out of the young
// generation). A column whose values rarely repeat (command lines) stops being interned.

const SAMPLE = 10_000;
/** Below this share of repeats in the first SAMPLE values, interning a column is not worth it. */
const MIN_HIT_RATE = 0.5;
const MAX_ENTRIES = 50_000;

export class Interner {
  private readonly pool = new Map<string, string>();
  private seen = 0;
  private hits = 0;
  private enabled = true;

  intern(text: string): string {
    if (!this.enabled) return text;
    const shared = this.pool.get(text);
    this.seen++;
    if (shared !== undefined) {
      this.hits++;
      return shared;
    }
    if (this.seen === SAMPLE && this.hits < SAMPLE * MIN_HIT_RATE) {
      this.enabled = false;
      this.pool.clear();
    } else if (this.pool.size < MAX_ENTRIES) this.pool.set(text, text);
    return text;
  }
}
