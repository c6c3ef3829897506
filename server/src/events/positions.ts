// Maps byte offsets in a file to 1-based line and character columns. Built on first use: only
// problem reports and `source(row)` need it.

export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private starts: Uint32Array | undefined;

  /**
   * `firstLine` is the line number of `bytes[0]`, when `bytes` is a later piece of a file;
   * `lineNumbers`, when `bytes` holds chosen lines of a file, the file's number of each line.
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly firstLine = 1,
    private readonly lineNumbers?: Int32Array,
  ) {}

  /** The 1-based line and character column of byte `offset`. */
  position(offset: number): Position {
    const starts = this.lineStarts();
    const line = this.lineOf(offset, starts);
    const start = starts[line];
    const prefix = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, offset - start).toString('utf8');
    return { line: this.fileLine(line), column: prefix.length + 1 };
  }

  /** The 1-based line of byte `offset`. */
  line(offset: number): number {
    return this.fileLine(this.lineOf(offset, this.lineStarts()));
  }

  private fileLine(index: number): number {
    return this.lineNumbers ? this.lineNumbers[index] : index + this.firstLine;
  }

  private lineOf(offset: number, starts: Uint32Array): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private lineStarts(): Uint32Array {
    if (this.starts) return this.starts;
    const bytes = this.bytes;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let count = 1;
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) count++;
    const starts = new Uint32Array(count);
    let n = 1;
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) starts[n++] = i + 1;
    this.starts = starts;
    return starts;
  }
}
