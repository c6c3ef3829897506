// Text decoded from a host file (a YAML scalar, a JSON string) together with where each of its
// characters came from, so that offsets move exactly between the decoded query and the host file.

/** A decoded text and, per character, the host range that produced it. */
export class MappedText {
  /** Use `MappedText.build` or a `MappedTextBuilder`. */
  constructor(
    readonly text: string,
    /** Host offset where query character i starts. */
    private readonly starts: Int32Array,
    /** Host offset where query character i ends (after an escape, a CRLF, a folded break…). */
    private readonly ends: Int32Array,
    /** Host offset of the query's end (the position after its last character). */
    readonly hostEnd: number,
    /** Host offset of the query's start, also for an empty query. */
    readonly hostStart: number,
  ) {}

  static build(hostStart: number, fill: (out: MappedTextBuilder) => void, hostEnd?: number): MappedText {
    const builder = new MappedTextBuilder();
    fill(builder);
    return builder.finish(hostStart, hostEnd);
  }

  get length(): number {
    return this.text.length;
  }

  /** The host offset of query offset `offset` taken as the start of a span. */
  toHost(offset: number): number {
    if (offset <= 0) return this.length > 0 ? this.starts[0]! : this.hostStart;
    if (offset >= this.length) return this.hostEnd;
    return this.starts[offset]!;
  }

  /** The host offset of query offset `offset` taken as the end of a span: after the character before it. */
  toHostEnd(offset: number): number {
    if (offset <= 0) return this.toHost(0);
    if (offset >= this.length) return this.length > 0 ? this.ends[this.length - 1]! : this.hostEnd;
    return this.ends[offset - 1]!;
  }

  /** A query span in host offsets. An empty span stays empty. */
  spanToHost(start: number, end: number): { start: number; end: number } {
    const hostStart = this.toHost(start);
    return { start: hostStart, end: end <= start ? hostStart : Math.max(hostStart, this.toHostEnd(end)) };
  }

  /** True when `host` lies inside the query or at its end. */
  containsHost(host: number): boolean {
    return host >= this.toHost(0) && host <= this.hostEnd;
  }

  /**
   * The query offset at host offset `host`: the character whose host range holds it, or the next
   * character when `host` falls on text that produced nothing (indentation, a folded line break).
   * Undefined outside the query.
   */
  toQuery(host: number): number | undefined {
    if (!this.containsHost(host)) return undefined;
    if (host >= this.hostEnd) return this.length;
    let low = 0;
    let high = this.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= host) low = middle;
      else high = middle - 1;
    }
    if (host === this.starts[low]!) {
      while (low > 0 && this.starts[low - 1] === host) low--;
      return low;
    }
    return host < this.ends[low]! ? low : low + 1;
  }
}

export class MappedTextBuilder {
  private text = '';
  private starts: number[] = [];
  private ends: number[] = [];

  /** Characters copied one for one from host offset `hostStart`. */
  copy(text: string, hostStart: number): void {
    for (let i = 0; i < text.length; i++) {
      this.starts.push(hostStart + i);
      this.ends.push(hostStart + i + 1);
    }
    this.text += text;
  }

  /** Characters that together came from the host range [hostStart, hostEnd) (an escape, a line break). */
  emit(text: string, hostStart: number, hostEnd: number): void {
    for (let i = 0; i < text.length; i++) {
      this.starts.push(hostStart);
      this.ends.push(hostEnd);
    }
    this.text += text;
  }

  get value(): string {
    return this.text;
  }

  finish(hostStart: number, hostEnd?: number): MappedText {
    const end = hostEnd ?? (this.ends.length > 0 ? this.ends[this.ends.length - 1]! : hostStart);
    return new MappedText(this.text, Int32Array.from(this.starts), Int32Array.from(this.ends), end, hostStart);
  }
}
