// Problems found while reading event files, as located file problems. Readers never throw; they
// skip what they cannot read and say so here.

import type { FileProblem } from '../text/problem';

/**
 * Collects problems for one file, keeping the first `limit` so that a file with a million bad
 * values does not hold a million messages; the rest are counted in one closing entry.
 */
export class ProblemLog {
  readonly problems: FileProblem[] = [];
  /** Keys that name no column of the schema, at each one's first appearance. */
  private readonly fieldsByKey = new Map<string, FileProblem>();
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

  /**
   * Notes that events carry `key`, which `columns` lack, so its values are ignored: once per key,
   * at its first appearance. A column that differs only in case is named, as the likely meaning.
   */
  unknownField(key: string, line: number, column: number, columns: Iterable<string>): void {
    if (this.fieldsByKey.has(key)) return;
    const lower = key.toLowerCase();
    const meant = [...columns].find((name) => name.toLowerCase() === lower);
    const hint = meant ? ` (did you mean "${meant}"?)` : '';
    this.fieldsByKey.set(key, { file: this.file, line, column, message: `"${key}" is not a column of the table's schema: its values are ignored${hint}` });
  }

  /** The unknown fields `other` noted that this log has not. */
  takeUnknownFields(other: ProblemLog): void {
    for (const [key, problem] of other.fieldsByKey) if (!this.fieldsByKey.has(key)) this.fieldsByKey.set(key, problem);
  }

  /** Warnings, not errors: the events are read without these keys. */
  get unknownFields(): FileProblem[] {
    return [...this.fieldsByKey.values()];
  }

  /** True once the log is full, so callers can skip computing positions for unlisted problems. */
  get full(): boolean {
    return this.problems.length >= this.limit;
  }
}
