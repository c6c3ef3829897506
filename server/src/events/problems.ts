// Problems found while reading event files, as located file problems. Readers never throw; they
// skip what they cannot read and say so here.

import type { FileProblem } from '../text/problem';

/**
 * Collects problems for one file, keeping the first `limit` so that a file with a million bad
 * values does not hold a million messages; the rest are counted in one closing entry.
 */
export class ProblemLog {
  readonly problems: FileProblem[] = [];
  private dropped = 0;
  private summary: FileProblem | undefined;

  constructor(
    readonly file: string,
    private readonly limit = 200,
  ) {}

  add(line: number, column: number, message: string): void {
    if (this.problems.length < this.limit) {
      this.problems.push({ file: this.file, line, column, message });
      return;
    }
    this.dropped++;
    const message2 = `${this.dropped} more problem(s) not listed`;
    if (this.summary) this.summary.message = message2;
    else {
      this.summary = { file: this.file, line: 0, column: 0, message: message2 };
      this.problems.push(this.summary);
    }
  }

  /** True once the log is full, so callers can skip computing positions for unlisted problems. */
  get full(): boolean {
    return this.problems.length >= this.limit;
  }
}
