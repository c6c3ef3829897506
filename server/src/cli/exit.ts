// The exit codes every command uses, documented in `kql-detect --help` and docs/ci.md.

export const EXIT_OK = 0;
/** Lint findings over the limit, failing or erroring tests, or a known gap that now passes. */
export const EXIT_FINDINGS = 1;
/** Bad arguments, unreadable or invalid input files. */
export const EXIT_USAGE = 2;

/** A problem with how the command was called or with its input: reported in one line, exit 2. */
export class UsageError extends Error {}
