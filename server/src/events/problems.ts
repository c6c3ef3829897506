// Problems found while reading event files: where (file:line:column) and what. Readers never
// throw; they skip what they cannot read and say so here.

export interface EventProblem {
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (unreadable, unknown format). */
  line: number;
  /** 1-based character column on that line; 0 with `line` 0. */
  column: number;
  message: string;
}

/** `file:line:column: message`, or `file: message` for whole-file problems. */
export function formatProblem(problem: EventProblem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/**
 * Collects problems for one file, keeping the first `limit` so that a file with a million bad
 * values does not hold a million messages; the rest are counted in one closing entry.
 */
export class ProblemLog {
  readonly problems: EventProblem[] = [];
  private dropped = 0;
  private summary: EventProblem | undefined;

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
