// A problem located in a file: a spec, an event file, a schema or catalog file. Whoever reads a
// file reports what is wrong with it this way, and never throws.

export interface FileProblem {
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (unreadable, unknown format). */
  line: number;
  /** 1-based character column on that line; 0 with `line` 0. */
  column: number;
  message: string;
}

/** `problems` without repeats (the same file, place and message), in their first order. */
export function uniqueProblems(problems: readonly FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/** `file:line:column: message`, or `file: message` for whole-file problems. */
export function formatProblem(problem: FileProblem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}
